namespace Zun.Conductor.Quotas;

/// <summary>What one container counts against its project's quotas: itself, and the cpu, memory and disk it claims.</summary>
public sealed record QuotaHolding
{
    public Guid ContainerId { get; init; }

    public double Cpu { get; init; }

    public int MemoryMb { get; init; }

    public int DiskGb { get; init; }
}
