using Zun.Contracts.Hosts;

namespace Zun.Conductor.Placement;

/// <summary>The workers this conductor has heard from, and where new containers go.</summary>
public interface IWorkerDirectory
{
    void Record(WorkerHeartbeat heartbeat);

    /// <summary>Every worker heard from and not yet forgotten, up or down, ordered by name.</summary>
    IReadOnlyList<KnownWorker> Workers();

    /// <summary>Workers heard from within the liveness window, ordered by name.</summary>
    IReadOnlyList<KnownWorker> LiveWorkers();

    /// <summary>
    /// The worker for new work: the pinned one, or the least loaded, among the live workers that can reach their engine
    /// and have at least <paramref name="cpu"/> cores when a container asks for some; null when there is none.
    /// </summary>
    KnownWorker? Choose(string? pinnedHost, double? cpu = null);

    /// <summary>Why <see cref="Choose"/> finds no worker for <paramref name="pinnedHost"/> and <paramref name="cpu"/>, as a reason for the client.</summary>
    string WhyNoneFor(string? pinnedHost, double? cpu = null);
}
