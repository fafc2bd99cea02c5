namespace Zun.Conductor.Placement.Filters;

/// <summary>
/// Only a host whose worker is up and can reach its Docker engine, and that no operator disabled or forced down, takes
/// new containers.
/// </summary>
internal sealed class ComputeFilter(int livenessSeconds) : IHostFilter
{
    public HostRefusal? Check(KnownWorker host, PlacementRequest request, HostRecord record, DateTimeOffset now) => host switch
    {
        _ when record.ForcedDown => new("forced down"),
        _ when record.Disabled => new(record.DisabledReason is { Length: > 0 } reason ? $"disabled: {reason}" : "disabled"),
        { IsUp: false } => new($"down: its last heartbeat came {SecondsSince(host.LastSeen, now)} s ago, and a worker is live for {livenessSeconds} s after one", Transient: true),
        { Latest.EngineUnreachableSince: { } since } => new($"it cannot reach its Docker engine (since {SecondsSince(since, now)} s ago)", Transient: true),
        _ => null,
    };

    private static long SecondsSince(DateTimeOffset then, DateTimeOffset now) => (long)Math.Max(0, (now - then).TotalSeconds);
}
