using Docker.DotNet.Models;
using ContainerStats = Zun.Contracts.ContainerStats;

namespace Zun.Worker.Runtime;

/// <summary>One sample of Docker's stats in the figures <c>docker stats</c> shows.</summary>
internal static class StatsCalculator
{
    public static ContainerStats ToContainerStats(Guid containerId, ContainerStatsResponse sample) => new()
    {
        ContainerId = containerId,
        CpuPercent = CpuPercent(sample.CPUStats, sample.PreCPUStats),
        MemoryUsageBytes = MemoryUsage(sample.MemoryStats),
        MemoryLimitBytes = Clamp(sample.MemoryStats?.Limit ?? 0),
        NetworkRxBytes = Clamp(Sum(sample.Networks?.Values, n => n.RxBytes)),
        NetworkTxBytes = Clamp(Sum(sample.Networks?.Values, n => n.TxBytes)),
        BlockReadBytes = Clamp(BlockIo(sample.BlkioStats, "read")),
        BlockWriteBytes = Clamp(BlockIo(sample.BlkioStats, "write")),
        Pids = (int)Math.Min(sample.PidsStats?.Current ?? 0, int.MaxValue),
        Timestamp = new DateTimeOffset(DateTime.SpecifyKind(sample.Read, DateTimeKind.Utc)),
    };

    /// <summary>
    /// The container's share of the host's CPU time between the two readings, scaled to cores: 100 is one full core.
    /// </summary>
    public static double CpuPercent(CPUStats? current, CPUStats? previous)
    {
        if (current?.CPUUsage is null || previous?.CPUUsage is null)
            return 0;

        var cpuDelta = (double)current.CPUUsage.TotalUsage - previous.CPUUsage.TotalUsage;
        var systemDelta = (double)(current.SystemUsage ?? 0) - (previous.SystemUsage ?? 0);
        var cpus = current.OnlineCPUs is > 0 ? current.OnlineCPUs.Value : (uint)(current.CPUUsage.PercpuUsage?.Count ?? 0);
        return cpuDelta > 0 && systemDelta > 0 && cpus > 0 ? cpuDelta / systemDelta * cpus * 100.0 : 0;
    }

    /// <summary>Usage without the page cache the kernel can drop at once, as <c>docker stats</c> counts it.</summary>
    public static long MemoryUsage(MemoryStats? memory)
    {
        if (memory?.Usage is not { } usage)
            return 0;

        // cgroup v1 reports total_inactive_file, cgroup v2 inactive_file.
        ulong inactive = 0;
        if (memory.Stats is { } stats && (stats.TryGetValue("total_inactive_file", out inactive) || stats.TryGetValue("inactive_file", out inactive)) && inactive < usage)
            return Clamp(usage - inactive);
        return Clamp(usage);
    }

    private static ulong BlockIo(BlkioStats? blkio, string operation) =>
        Sum(blkio?.IoServiceBytesRecursive?.Where(e => string.Equals(e.Op, operation, StringComparison.OrdinalIgnoreCase)), e => e.Value);

    private static ulong Sum<T>(IEnumerable<T>? values, Func<T, ulong> selector)
    {
        ulong total = 0;
        foreach (var value in values ?? [])
            total += selector(value);
        return total;
    }

    private static long Clamp(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
