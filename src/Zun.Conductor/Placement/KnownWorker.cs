using Zun.Contracts.Hosts;

namespace Zun.Conductor.Placement;

/// <summary>
/// A worker as this conductor knows it: its latest heartbeat, when that was heard, how many were heard, and whether it
/// is up (heard within the liveness window) or down (silent since <see cref="LastSeen"/>).
/// </summary>
public sealed record KnownWorker(WorkerHeartbeat Latest, DateTimeOffset LastSeen, long Heartbeats, bool IsUp)
{
    public string Host => Latest.Host;

    /// <summary>The worker's receive endpoint; work is sent to <c>exchange:&lt;Endpoint&gt;</c>.</summary>
    public string Endpoint => Latest.Endpoint;

    /// <summary>New work may go here: the worker is up and can reach its engine.</summary>
    public bool IsPlaceable => IsUp && Latest.EngineUnreachableSince is null;

    /// <summary>Whether the host has the cores a container asks for: Docker refuses a cpu limit above them.</summary>
    public bool HasCores(double? cpu) => cpu is null || Latest.Cpus >= cpu;
}
