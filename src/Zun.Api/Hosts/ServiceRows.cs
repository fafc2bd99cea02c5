using System.Text.Json.Nodes;
using Zun.Api.Root;
using Zun.Contracts;

namespace Zun.Api.Hosts;

/// <summary>
/// Upstream's <c>zun-compute</c> service rows (<c>services_view.py</c>), one per worker: up while the conductor hears
/// its heartbeats, down once it falls silent, with when it was last heard (<c>updated_at</c>, <c>last_seen_up</c>).
/// </summary>
internal static class ServiceRows
{
    /// <summary>
    /// The workers the conductor knows, then the hosts that hold containers but that it does not know (it keeps its
    /// directory in memory, so a worker that fell silent before the conductor restarted is known only by its
    /// containers): those are down, and when they were last seen is not known.
    /// </summary>
    public static JsonArray Of(IReadOnlyList<WorkerHost> known, IEnumerable<string> containerHosts)
    {
        var heard = known.Select(h => new Service(h.Host, h.Up, h.Heartbeats, h.StartedAt, h.LastSeen)
        {
            Zone = h.AvailabilityZone, Disabled = h.Disabled, DisabledReason = h.DisabledReason, ForcedDown = h.ForcedDown,
        });
        var unheard = containerHosts.Distinct(StringComparer.Ordinal)
            .Where(h => known.All(k => k.Host != h))
            .Order(StringComparer.Ordinal)
            .Select(h => new Service(h, Up: false, Reports: 0, StartedAt: null, LastSeen: null));
        return new JsonArray([.. heard.Concat(unheard).Select((service, i) => (JsonNode)Row(i + 1, service))]);
    }

    private static JsonObject Row(int id, Service service) => new()
    {
        ["id"] = id,
        ["host"] = service.Host,
        ["binary"] = "zun-compute",
        ["state"] = service.Up ? "up" : "down",
        ["disabled"] = service.Disabled,
        ["disabled_reason"] = service.DisabledReason,
        ["forced_down"] = service.ForcedDown,
        ["report_count"] = service.Reports,
        ["availability_zone"] = service.Zone,

        // Upstream's row is created when the service first registers; here, when the worker process started.
        ["created_at"] = Timestamps.Format(service.StartedAt),
        ["updated_at"] = Timestamps.Format(service.LastSeen),
        ["last_seen_up"] = Timestamps.Format(service.LastSeen),
    };

    private sealed record Service(string Host, bool Up, long Reports, DateTimeOffset? StartedAt, DateTimeOffset? LastSeen)
    {
        /// <summary>A host known only by its containers has told no zone; the default zone's name is upstream's.</summary>
        public string? Zone { get; init; } = "nova";

        public bool Disabled { get; init; }

        public string? DisabledReason { get; init; }

        public bool ForcedDown { get; init; }
    }
}
