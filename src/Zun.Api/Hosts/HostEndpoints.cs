using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Hosts;

/// <summary>
/// <c>/v1/hosts</c> and <c>/v1/services</c>: the worker hosts as the conductor knows them from their heartbeats, up or
/// down, admin only by upstream's default rules. Each worker is one <c>zun-compute</c> service.
/// </summary>
internal static class HostEndpoints
{
    private static readonly ListHosts EveryKnownHost = new() { IncludeDown = true };

    /// <summary>
    /// A host's containers are counted across projects, as upstream's compute node counts them: the rule that let the
    /// caller see the host (an administrator's, by default) lets it count every project's containers there.
    /// </summary>

    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/hosts", List);
        v1.MapGet("/hosts/{ident}", Show);
        v1.MapGet("/services", Services);
        v1.MapGet("/availability_zones", AvailabilityZones);
    }

    /// <summary>The zones of the hosts the conductor knows, each once, as upstream lists its services' zones.</summary>
    private static async Task<IResult> AvailabilityZones(HttpContext http, ZunConnection zun)
    {
        var call = await AuthorizedCall(http, "availability_zones:get_all");
        call.Parameters.AllowOnly("limit", "marker", "sort_key", "sort_dir");
        var hosts = await zun.Client.ListHostsAsync(EveryKnownHost, call.Aborted);
        var zones = hosts.Select(h => h.AvailabilityZone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(zone => (JsonNode)new JsonObject { ["availability_zone"] = zone });
        return ApiResults.Json(new JsonObject { ["availability_zones"] = new JsonArray([.. zones]) });
    }

    private static async Task<IResult> List(HttpContext http, ZunConnection zun)
    {
        var call = await AuthorizedCall(http, ZunRules.HostGetAll);
        call.Parameters.AllowOnly("limit", "marker", "sort_key", "sort_dir");
        var hosts = await zun.Client.ListHostsAsync(EveryKnownHost, call.Aborted);
        var views = new JsonArray();
        foreach (var host in hosts)
            views.Add(HostView.Of(host, call.BaseUrl));
        return ApiResults.Json(new JsonObject { ["hosts"] = views, ["next"] = null });
    }

    private static async Task<IResult> Show(HttpContext http, string ident, ZunConnection zun)
    {
        var call = await AuthorizedCall(http, ZunRules.HostGet);
        call.Parameters.AllowOnly();
        var hosts = await zun.Client.ListHostsAsync(EveryKnownHost, call.Aborted);
        var host = hosts.FirstOrDefault(h => h.Host == ident || HostUuid(h.Host).ToString("D").Equals(ident, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.NotFound($"ComputeNode {ident} could not be found.");
        return ApiResults.Json(HostView.Of(host, call.BaseUrl));
    }

    private static async Task<IResult> Services(HttpContext http, ZunConnection zun)
    {
        var call = await AuthorizedCall(http, ZunRules.ZunServiceGetAll);
        call.Parameters.AllowOnly();
        var known = await zun.Client.ListHostsAsync(EveryKnownHost, call.Aborted);
        return ApiResults.Json(new JsonObject { ["services"] = ServiceRows.Of(known) });
    }

    private static async Task<ApiCall> AuthorizedCall(HttpContext http, string rule)
    {
        var call = await ApiCall.ReadAsync(http);
        call.Policy.Authorize(rule);
        return call;
    }

    /// <summary>A stable uuid per host name, since hosts have no id of their own in Zun.</summary>
    internal static Guid HostUuid(string host) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"zun-host:{host}")).AsSpan(0, 16));
}
