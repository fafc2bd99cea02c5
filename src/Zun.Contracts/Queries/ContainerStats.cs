namespace Zun.Contracts;

/// <summary>One sample of a container's resource use.</summary>
public sealed record ContainerStats
{
    public Guid ContainerId { get; init; }

    /// <summary>CPU use in percent of one core (200 is two full cores).</summary>
    public double CpuPercent { get; init; }

    public long MemoryUsageBytes { get; init; }

    public long MemoryLimitBytes { get; init; }

    public long NetworkRxBytes { get; init; }

    public long NetworkTxBytes { get; init; }

    public long BlockReadBytes { get; init; }

    public long BlockWriteBytes { get; init; }

    public int Pids { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
