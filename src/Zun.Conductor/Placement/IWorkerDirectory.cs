using Zun.Contracts.Hosts;

namespace Zun.Conductor.Placement;

/// <summary>The workers this conductor has heard from, and where new containers go.</summary>
public interface IWorkerDirectory
{
    void Record(WorkerHeartbeat heartbeat);

    /// <summary>Workers heard from within the liveness window.</summary>
    IReadOnlyList<LiveWorker> LiveWorkers();

    /// <summary>The live worker for a new container: the pinned one, or the least loaded; null when none is live.</summary>
    LiveWorker? Choose(string? pinnedHost);

    /// <summary>Why <see cref="Choose"/> finds no worker for <paramref name="pinnedHost"/>, as a reason for the client.</summary>
    string WhyNoneFor(string? pinnedHost);
}
