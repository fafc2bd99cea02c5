namespace Zun.Contracts;

/// <summary>
/// Limits of a project's resources as upstream's quota API names them: containers, cpu (cores), memory (MiB) and disk
/// (GiB); -1 is unlimited. In a change, a null field is left as it is.
/// </summary>
public sealed record QuotaLimits
{
    /// <summary>The value that lifts a limit.</summary>
    public const int Unlimited = -1;

    public int? Containers { get; init; }

    public int? Cpu { get; init; }

    public int? MemoryMb { get; init; }

    public int? DiskGb { get; init; }
}
