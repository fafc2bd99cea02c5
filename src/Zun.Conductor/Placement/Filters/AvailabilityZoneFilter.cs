namespace Zun.Conductor.Placement.Filters;

/// <summary>A container asking for a zone goes only to hosts in it; a worker naming no zone is in the default one.</summary>
internal sealed class AvailabilityZoneFilter(string defaultZone) : IHostFilter
{
    public HostRefusal? Check(KnownWorker host, PlacementRequest request, HostRecord record, DateTimeOffset now)
    {
        var zone = ZoneOf(host);
        return request.AvailabilityZone is { } asked && !string.Equals(asked, zone, StringComparison.Ordinal)
            ? new($"availability zone {zone} ≠ {asked}")
            : null;
    }

    public string ZoneOf(KnownWorker host) => string.IsNullOrWhiteSpace(host.Latest.AvailabilityZone) ? defaultZone : host.Latest.AvailabilityZone;
}
