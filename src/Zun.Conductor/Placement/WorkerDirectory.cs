using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Placement;

/// <summary>
/// In-memory directory fed by heartbeats. Every conductor instance hears every heartbeat on its own
/// queue, so each has the whole picture within one heartbeat interval of starting. A worker that falls
/// silent stays, shown down since it was last seen, until <see cref="ConductorOptions.ForgetWorkerAfterSeconds"/>.
/// </summary>
internal sealed class WorkerDirectory(IOptions<ConductorOptions> options, TimeProvider clock) : IWorkerDirectory
{
    private readonly ConcurrentDictionary<string, Heard> _workers = new(StringComparer.Ordinal);

    public void Record(WorkerHeartbeat heartbeat)
    {
        var now = clock.GetUtcNow();
        _workers.AddOrUpdate(
            heartbeat.Host,
            static (_, arg) => new Heard(arg.heartbeat, arg.now, 1),
            static (_, earlier, arg) => new Heard(arg.heartbeat, arg.now, earlier.Count + 1),
            (heartbeat, now));
    }

    public void Know(WorkerHeartbeat heartbeat) =>
        _workers.TryAdd(heartbeat.Host, new Heard(heartbeat, clock.GetUtcNow(), 1));

    public void Forget(string host) => _workers.TryRemove(host, out _);

    public IReadOnlyList<KnownWorker> Workers()
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var known = new List<KnownWorker>(_workers.Count);
        foreach (var entry in _workers)
        {
            var silentFor = now - entry.Value.At;
            if (silentFor > settings.ForgetWorkerAfter)
            {
                // Only the entry as read goes: a heartbeat recorded meanwhile replaced it and keeps the worker.
                _workers.TryRemove(entry);
                continue;
            }

            known.Add(new KnownWorker(entry.Value.Heartbeat, entry.Value.At, entry.Value.Count, IsUp: silentFor <= settings.WorkerLiveness));
        }

        return known.OrderBy(w => w.Host, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<KnownWorker> LiveWorkers() => Workers().Where(w => w.IsUp).ToList();

    public string WhyNoneFor(string? pinnedHost)
    {
        var now = clock.GetUtcNow();
        var liveness = options.Value.WorkerLivenessSeconds;
        var known = Workers();
        if (pinnedHost is not null)
        {
            return known.FirstOrDefault(w => w.Host == pinnedHost) switch
            {
                null => $"no worker named {pinnedHost} has sent this conductor a heartbeat",
                { IsUp: true, Latest.EngineUnreachableSince: { } since } => $"it cannot reach its Docker engine (since {SecondsSince(since, now)} s ago)",
                var pinned => $"its last heartbeat came {SecondsSince(pinned.LastSeen, now)} s ago, and a worker is live for {liveness} s after one",
            };
        }

        if (known.Count == 0)
            return "no worker has sent this conductor a heartbeat";
        if (known.Any(w => w.IsUp))
            return $"no live worker can reach its Docker engine ({known.Count(w => w.IsUp)} live)";
        return $"no worker has sent a heartbeat in the last {liveness} s "
            + $"({known.Count} known, the latest heartbeat {SecondsSince(known.Max(w => w.LastSeen), now)} s ago)";
    }

    public KnownWorker? Choose(string? pinnedHost)
    {
        var placeable = Workers().Where(w => w.IsPlaceable).ToList();
        if (pinnedHost is not null)
            return placeable.FirstOrDefault(w => w.Host == pinnedHost);

        // Fewest containers per core first; the host name breaks ties so the choice is stable.
        return placeable
            .OrderBy(w => (double)w.Latest.TotalContainers / Math.Max(1, w.Latest.Cpus))
            .ThenByDescending(w => w.Latest.MemoryMb)
            .FirstOrDefault();
    }

    private static long SecondsSince(DateTimeOffset then, DateTimeOffset now) => (long)Math.Max(0, (now - then).TotalSeconds);

    /// <summary>A worker's latest heartbeat, when it was heard, and how many were heard.</summary>
    private sealed record Heard(WorkerHeartbeat Heartbeat, DateTimeOffset At, long Count);
}
