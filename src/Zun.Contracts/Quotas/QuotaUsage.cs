namespace Zun.Contracts;

/// <summary>What a project's containers hold now, counted where quotas are checked: every container not yet deleted.</summary>
public sealed record QuotaUsage
{
    public int Containers { get; init; }

    /// <summary>Cores, as the containers' claims add up (a container that asked for none counts the scheduler's default).</summary>
    public double Cpu { get; init; }

    public long MemoryMb { get; init; }

    public long DiskGb { get; init; }
}
