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
    /// The hosts the conductor knows: those it hears, and those known only by their records (silent since before it
    /// started), which are down, with no time they were last seen.
    /// </summary>
    public static JsonArray Of(IReadOnlyList<WorkerHost> known) =>
        new([.. known.Select((h, i) => (JsonNode)Row(i + 1, new Service(h.Host, h.Up, h.Heartbeats, Known(h.StartedAt), Known(h.LastSeen))
        {
            Zone = h.AvailabilityZone, Disabled = h.Disabled, DisabledReason = h.DisabledReason, ForcedDown = h.ForcedDown,
        }))]);

    private static DateTimeOffset? Known(DateTimeOffset time) => time == default ? null : time;

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
        public string? Zone { get; init; }

        public bool Disabled { get; init; }

        public string? DisabledReason { get; init; }

        public bool ForcedDown { get; init; }
    }
}
