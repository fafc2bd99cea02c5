using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Requests;
using Zun.Api.Root;
using Zun.Contracts;

namespace Zun.Api.Hosts;

/// <summary>
/// <c>/v1/hosts</c> and <c>/v1/services</c>: the worker hosts as the conductor knows them from their heartbeats,
/// admin only as upstream's policy has it. Each worker is one <c>zun-compute</c> service.
/// </summary>
internal static class HostEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/hosts", List);
        v1.MapGet("/hosts/{ident}", Show);
        v1.MapGet("/services", Services);
    }

    private static async Task<IResult> List(HttpContext http, ZunConnection zun)
    {
        var call = await AdminCall(http, "host:get_all");
        call.Parameters.AllowOnly("limit", "marker", "sort_key", "sort_dir");
        var hosts = await zun.Client.ListHostsAsync(cancellationToken: call.Aborted);
        var views = new JsonArray();
        foreach (var host in hosts)
            views.Add(await View(host, zun, call));
        return ApiResults.Json(new JsonObject { ["hosts"] = views, ["next"] = null });
    }

    private static async Task<IResult> Show(HttpContext http, string ident, ZunConnection zun)
    {
        var call = await AdminCall(http, "host:get");
        call.Parameters.AllowOnly();
        var hosts = await zun.Client.ListHostsAsync(cancellationToken: call.Aborted);
        var host = hosts.FirstOrDefault(h => h.Host == ident || HostUuid(h.Host).ToString("D").Equals(ident, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.NotFound($"ComputeNode {ident} could not be found.");
        return ApiResults.Json(await View(host, zun, call));
    }

    /// <summary>
    /// One <c>zun-compute</c> row per worker: up when the conductor heard its heartbeat within its liveness window;
    /// down when it is silent but still holds containers (the conductor forgets a silent worker, so when it was last
    /// seen is not known then).
    /// </summary>
    private static async Task<IResult> Services(HttpContext http, ZunConnection zun)
    {
        var call = await AdminCall(http, "zun-service:get_all");
        call.Parameters.AllowOnly();
        var live = await zun.Client.ListHostsAsync(cancellationToken: call.Aborted);
        var placed = await zun.Client.ListContainersAsync(cancellationToken: call.Aborted);
        var silent = placed.Select(c => c.Host).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(h => live.All(l => l.Host != h)).Order(StringComparer.Ordinal);

        var rows = live.Select(h => (h.Host, LastSeen: (DateTimeOffset?)h.LastSeen))
            .Concat(silent.Select(h => (Host: h, LastSeen: (DateTimeOffset?)null)))
            .Select((h, i) => (JsonNode)new JsonObject
            {
                ["id"] = i + 1,
                ["host"] = h.Host,
                ["binary"] = "zun-compute",
                ["state"] = h.LastSeen is null ? "down" : "up",
                ["disabled"] = false,
                ["disabled_reason"] = null,
                ["forced_down"] = false,
                ["report_count"] = 0,
                ["availability_zone"] = "nova",
                ["created_at"] = null,
                ["updated_at"] = Timestamps.Format(h.LastSeen),
                ["last_seen_up"] = Timestamps.Format(h.LastSeen),
            });
        return ApiResults.Json(new JsonObject { ["services"] = new JsonArray([.. rows]) });
    }

    private static async Task<ApiCall> AdminCall(HttpContext http, string rule)
    {
        var call = await ApiCall.ReadAsync(http);
        return call.Caller.IsAdmin ? call : throw new ApiException(StatusCodes.Status403Forbidden, $"Policy doesn't allow {rule} to be performed.");
    }

    /// <summary>Upstream's host record; cpu and memory in use are the sums over the host's containers.</summary>
    private static async Task<JsonObject> View(WorkerHost host, ZunConnection zun, ApiCall call)
    {
        var containers = await zun.Client.ListContainersAsync(new ListContainers { Host = host.Host }, call.Aborted);
        var uuid = HostUuid(host.Host).ToString("D");
        return new JsonObject
        {
            ["uuid"] = uuid,
            ["hostname"] = host.Host,
            ["links"] = Links.For(call.BaseUrl, "hosts", uuid),
            ["cpus"] = host.Cpus,
            ["cpu_used"] = containers.Sum(c => c.Cpu ?? 0),
            ["mem_total"] = host.MemoryMb,
            ["mem_used"] = containers.Sum(c => (long)(c.MemoryMb ?? 0)),
            ["disk_total"] = 0,
            ["disk_used"] = 0,
            ["total_containers"] = host.TotalContainers,
            ["running_containers"] = host.RunningContainers,
            ["architecture"] = null,
            ["os_type"] = "linux",
            ["os"] = null,
            ["kernel_version"] = null,
            ["labels"] = new JsonObject(),
            ["runtimes"] = new JsonArray("runc"),
            ["enable_cpu_pinning"] = false,
        };
    }

    /// <summary>A stable uuid per host name, since hosts have no id of their own in Zun.</summary>
    internal static Guid HostUuid(string host) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"zun-host:{host}")).AsSpan(0, 16));
}
