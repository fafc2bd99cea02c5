namespace Zun.Conductor.Placement.Filters;

/// <summary>One reason a host may not take a container, as upstream's scheduler filters each check one.</summary>
internal interface IHostFilter
{
    /// <summary>Why <paramref name="host"/> (with what <paramref name="record"/> holds of it) cannot take the container, or null when this filter lets it through.</summary>
    HostRefusal? Check(KnownWorker host, PlacementRequest request, HostRecord record, DateTimeOffset now);
}

/// <summary>
/// Why a host was passed over. A transient refusal (the host is down or cannot reach its engine) may clear by itself,
/// so a create refused only for such reasons waits for a host instead of failing. A full host (its claims leave too
/// little room) has room again once a container on it is deleted: a batch job waits for that.
/// </summary>
internal sealed record HostRefusal(string Reason, bool Transient = false, bool Full = false);
