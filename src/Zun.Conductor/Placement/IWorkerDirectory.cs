using Zun.Contracts.Hosts;

namespace Zun.Conductor.Placement;

/// <summary>The workers this conductor has heard from, and where new containers go.</summary>
public interface IWorkerDirectory
{
    void Record(WorkerHeartbeat heartbeat);

    /// <summary>Records a heartbeat heard elsewhere, unless this worker is known already (its own endpoint will record it).</summary>
    void Know(WorkerHeartbeat heartbeat);

    /// <summary>Forgets the worker (its service was deleted); a heartbeat after this makes it known again.</summary>
    void Forget(string host);

    /// <summary>Every worker heard from and not yet forgotten, up or down, ordered by name.</summary>
    IReadOnlyList<KnownWorker> Workers();

    /// <summary>Workers heard from within the liveness window, ordered by name.</summary>
    IReadOnlyList<KnownWorker> LiveWorkers();

    /// <summary>
    /// The worker for work that claims nothing (an image pull): the pinned one, or the least loaded, among the live
    /// workers that can reach their engine; null when there is none. Containers are placed by the scheduler.
    /// </summary>
    KnownWorker? Choose(string? pinnedHost);

    /// <summary>Why <see cref="Choose"/> finds no worker for <paramref name="pinnedHost"/>, as a reason for the client.</summary>
    string WhyNoneFor(string? pinnedHost);
}
