using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Api.Root;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// <c>/v1/containers/{ident}/container_actions[/{request_id}]</c>: the container's recent operations, each found by
/// the request id that started it (an operation's id is its request id's uuid), with its step as one event.
/// </summary>
internal static class ContainerActionHistory
{
    public static void Map(RouteGroupBuilder containers)
    {
        containers.MapGet("/{ident}/container_actions", List);
        containers.MapGet("/{ident}/container_actions/{requestId}", Show);
    }

    private static async Task<IResult> List(HttpContext http, string ident, ContainerLookup lookup)
    {
        var call = await ApiCall.ReadAsync(http);
        call.Parameters.AllowOnly();
        call.Policy.Authorize(ZunRules.ContainerActions);
        var container = await lookup.FindAsync(ident, call.Caller, allProjects: false, call.Aborted);
        var actions = container.RecentOperations.OrderByDescending(o => o.AcceptedAt).Select(o => (JsonNode)View(container, o));
        return ApiResults.Json(new JsonObject { ["containerActions"] = new JsonArray([.. actions]) });
    }

    private static async Task<IResult> Show(HttpContext http, string ident, string requestId, ContainerLookup lookup, ZunConnection zun)
    {
        var call = await ApiCall.ReadAsync(http);
        call.Parameters.AllowOnly();
        call.Policy.Authorize(ZunRules.ContainerActions);
        var container = await lookup.FindAsync(ident, call.Caller, allProjects: false, call.Aborted);
        var operation = container.RecentOperations.FirstOrDefault(o => RequestId(o.OperationId).Equals(requestId, StringComparison.OrdinalIgnoreCase)
            || o.OperationId.ToString("D").Equals(requestId, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.NotFound($"Action {requestId} could not be found.");

        var view = View(container, operation);
        var record = await zun.Client.GetOperationAsync(new GetOperation { OperationId = operation.OperationId, ProjectId = call.Caller.ProjectId }, call.Aborted);
        view["events"] = new JsonArray(Event(operation, record.Found ? record.Value : null));
        return ApiResults.Json(view);
    }

    private static JsonObject View(ContainerInfo container, OperationSummary operation) => new()
    {
        ["action"] = Name(operation.Action),
        ["container_uuid"] = container.ContainerId.ToString("D"),
        ["message"] = operation.Reason,
        ["project_id"] = container.ProjectId,
        ["request_id"] = RequestId(operation.OperationId),
        ["start_time"] = Timestamps.Format(operation.AcceptedAt),
        ["finish_time"] = Timestamps.Format(operation.FinishedAt),
        ["user_id"] = container.UserId,
    };

    private static JsonObject Event(OperationSummary operation, OperationInfo? record) => new()
    {
        ["event"] = $"compute__do_container_{Name(operation.Action)}",
        ["start_time"] = Timestamps.Format(record?.DispatchedAt ?? operation.AcceptedAt),
        ["finish_time"] = Timestamps.Format(record?.FinishedAt ?? operation.FinishedAt),
        ["result"] = (record?.State ?? operation.State) switch
        {
            OperationState.Completed => "Success",
            OperationState.Failed or OperationState.TimedOut or OperationState.Rejected => "Error",
            _ => null,
        },
        ["traceback"] = null,
    };

    private static string RequestId(Guid operationId) => $"req-{operationId:D}";

    /// <summary>Upstream's action names: a restart is a reboot there.</summary>
    private static string Name(ContainerAction action) => action switch
    {
        ContainerAction.Restart => "reboot",
        ContainerAction.PullImage => "image_pull",
        _ => action.ToString().ToLowerInvariant(),
    };
}
