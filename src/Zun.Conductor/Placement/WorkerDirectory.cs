using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Placement;

/// <summary>
/// In-memory directory fed by heartbeats. Every conductor instance hears every heartbeat on its own
/// queue, so each has the whole picture within one heartbeat interval of starting.
/// </summary>
internal sealed class WorkerDirectory(IOptions<ConductorOptions> options, TimeProvider clock) : IWorkerDirectory
{
    private readonly ConcurrentDictionary<string, LiveWorker> _workers = new(StringComparer.Ordinal);

    public void Record(WorkerHeartbeat heartbeat)
    {
        var worker = new LiveWorker(
            heartbeat.Host, heartbeat.Endpoint, heartbeat.Cpus, heartbeat.MemoryMb,
            heartbeat.RunningContainers, heartbeat.TotalContainers, clock.GetUtcNow());
        _workers[heartbeat.Host] = worker;
    }

    public IReadOnlyList<LiveWorker> LiveWorkers()
    {
        var oldest = clock.GetUtcNow() - options.Value.WorkerLiveness;
        return _workers.Values.Where(w => w.LastSeen >= oldest).OrderBy(w => w.Host, StringComparer.Ordinal).ToList();
    }

    public string WhyNoneFor(string? pinnedHost)
    {
        var now = clock.GetUtcNow();
        var liveness = options.Value.WorkerLivenessSeconds;
        if (pinnedHost is not null)
        {
            return _workers.TryGetValue(pinnedHost, out var pinned)
                ? $"its last heartbeat came {SecondsSince(pinned.LastSeen, now)} s ago, and a worker is live for {liveness} s after one"
                : $"no worker named {pinnedHost} has sent this conductor a heartbeat";
        }

        var known = _workers.Values.ToList();
        return known.Count == 0
            ? "no worker has sent this conductor a heartbeat"
            : $"no worker has sent a heartbeat in the last {liveness} s "
                + $"({known.Count} known, the latest heartbeat {SecondsSince(known.Max(w => w.LastSeen), now)} s ago)";
    }

    public LiveWorker? Choose(string? pinnedHost)
    {
        var live = LiveWorkers();
        if (pinnedHost is not null)
            return live.FirstOrDefault(w => w.Host == pinnedHost);

        // Fewest containers per core first; the host name breaks ties so the choice is stable.
        return live
            .OrderBy(w => (double)w.TotalContainers / Math.Max(1, w.Cpus))
            .ThenByDescending(w => w.MemoryMb)
            .FirstOrDefault();
    }

    private static long SecondsSince(DateTimeOffset then, DateTimeOffset now) => (long)Math.Max(0, (now - then).TotalSeconds);
}
