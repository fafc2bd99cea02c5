using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Hosts;

/// <summary>
/// Host maintenance as upstream's <c>zun-services</c> controller has it: <c>PUT /v1/services/enable</c>,
/// <c>disable</c> (with <c>disabled_reason</c>), <c>force_down</c> (with <c>forced_down</c>) and
/// <c>DELETE /v1/services</c>, each naming <c>host</c> and <c>binary</c> (<c>zun-compute</c>, the only one Zun has);
/// admin only by upstream's default rules.
/// </summary>
internal static class ServiceEndpoints
{
    private const string Binary = "zun-compute";

    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapPut("/services/enable", (HttpContext http, ZunConnection zun) =>
            Change(http, zun, "zun-service:enable", ["host", "binary"], p => new EnableService { Host = p.Host }, ServiceView.Enabled));
        v1.MapPut("/services/disable", (HttpContext http, ZunConnection zun) =>
            Change(http, zun, "zun-service:disable", ["host", "binary", "disabled_reason"],
                p => new DisableService { Host = p.Host, Reason = p.Parameters.String("disabled_reason") }, ServiceView.Enabled));
        v1.MapPut("/services/force_down", (HttpContext http, ZunConnection zun) =>
            Change(http, zun, "zun-service:force_down", ["host", "binary", "forced_down"],
                p => new ForceDownService { Host = p.Host, ForcedDown = ForcedDown(p.Parameters) }, ServiceView.ForcedDown));
        v1.MapDelete("/services", Delete);
    }

    private static async Task<IResult> Change<T>(
        HttpContext http, ZunConnection zun, string rule, string[] allowed, Func<ServiceRequest, T> command, Func<ServiceState, JsonObject> view)
        where T : class, IServiceCommand
    {
        var request = await ServiceRequest.ReadAsync(http, rule, allowed);
        var state = await Ask(zun, command(request), request.Call);
        return ApiResults.Json(new JsonObject { ["service"] = view(state) });
    }

    private static async Task<IResult> Delete(HttpContext http, ZunConnection zun)
    {
        var request = await ServiceRequest.ReadAsync(http, "zun-service:delete", ["host", "binary"]);
        await Ask(zun, new DeleteService { Host = request.Host }, request.Call);
        return Results.NoContent();
    }

    private static async Task<ServiceState> Ask<T>(ZunConnection zun, T command, ApiCall call)
        where T : class, IServiceCommand
    {
        return RejectionReasons.ValueOf(await zun.Client.ChangeServiceAsync(command, call.Aborted));
    }

    /// <summary>Upstream refuses any value but true and false (as JSON booleans or their strings).</summary>
    private static bool ForcedDown(RequestParameters parameters) =>
        parameters.Has("forced_down")
            ? parameters.Bool("forced_down", whenAbsent: true)
            : throw ApiException.BadRequest("Invalid input for field/attribute forced_down: it is required, true or false");

    /// <summary>A service request's call, its policy checked, and the host it names; the binary must be <c>zun-compute</c>.</summary>
    private sealed record ServiceRequest(ApiCall Call, string Host)
    {
        public RequestParameters Parameters => Call.Parameters;

        public static async Task<ServiceRequest> ReadAsync(HttpContext http, string rule, string[] allowed)
        {
            var call = await ApiCall.ReadAsync(http);
            call.Policy.Authorize(rule);
            call.Parameters.AllowOnly(allowed);
            var host = call.Parameters.String("host");
            if (string.IsNullOrWhiteSpace(host))
                throw ApiException.BadRequest("Invalid input for field/attribute host: it is required, the worker host's name");
            var binary = call.Parameters.String("binary");
            if (string.IsNullOrWhiteSpace(binary))
                throw ApiException.BadRequest($"Invalid input for field/attribute binary: it is required ({Binary})");
            if (binary != Binary)
                throw ApiException.NotFound($"Service {binary} on host {host} could not be found: Zun's only service binary is {Binary}");
            return new ServiceRequest(call, host.Trim());
        }
    }

    /// <summary>The bodies upstream's enable, disable and force_down answer with.</summary>
    private static class ServiceView
    {
        public static JsonObject Enabled(ServiceState state) => new()
        {
            ["host"] = state.Host,
            ["binary"] = Binary,
            ["disabled"] = state.Disabled,
            ["disabled_reason"] = state.DisabledReason,
        };

        public static JsonObject ForcedDown(ServiceState state) => new()
        {
            ["host"] = state.Host,
            ["binary"] = Binary,
            ["forced_down"] = state.ForcedDown,
        };
    }
}
