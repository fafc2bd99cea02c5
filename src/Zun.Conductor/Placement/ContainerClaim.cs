namespace Zun.Conductor.Placement;

/// <summary>The claim a container holds, as its record keeps it: on which host, and how much.</summary>
public sealed record ContainerClaim
{
    public string Host { get; init; } = "";

    public double Cpu { get; init; }

    public int MemoryMb { get; init; }
}
