using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// <c>POST /v1/containers/{ident}/{action}</c>: each action is one command, answered 202 once the conductor accepts
/// it (409 or 400 when it refuses). The operation's id is the request id's uuid.
/// </summary>
internal static class ContainerActionEndpoints
{
    /// <summary>Upstream's actions that need what the core does not do yet (networks, attach, resize of a tty).</summary>
    private static readonly string[] NotImplemented =
        ["attach", "resize", "execute_resize", "network_detach", "network_attach", "network_list", "add_security_group", "remove_security_group"];

    public static void Map(RouteGroupBuilder containers)
    {
        containers.MapPost("/{ident}/{action}", Perform);
    }

    private static async Task<IResult> Perform(HttpContext http, string ident, string action, ContainerLookup lookup, CommandGateway gateway)
    {
        if (NotImplemented.Contains(action, StringComparer.Ordinal))
            throw ApiException.BadRequest($"The container action '{action}' is not supported by this deployment yet");

        var call = await ApiCall.ReadAsync(http, carriesArchive: action == "put_archive");
        switch (action)
        {
            case "put_archive":
                return await ContainerArchiveEndpoints.Put(call, ident, lookup, http.RequestServices.GetRequiredService<ZunConnection>());
            case "get_archive":
                throw new ApiException(StatusCodes.Status405MethodNotAllowed, "get_archive is read with GET, as upstream has it");
            case "execute":
                return await ContainerReadEndpoints.Execute(call, ident, lookup);
            case "rename":
                return await Rename(call, ident, lookup, gateway);
        }

        var command = Command(call, action);
        var container = await lookup.FindAsync(call, ident, ZunRules.Action(action));
        var ready = command(container);
        await gateway.SubmitAsync(ready, call.Aborted);
        return action switch
        {
            "commit" => ApiResults.Json(new JsonObject { ["uuid"] = call.OperationId.ToString("D") }, StatusCodes.Status202Accepted),
            "resize_container" => ApiResults.Json(ContainerView.Render(container, call), StatusCodes.Status202Accepted),
            _ => ApiResults.Accepted(),
        };
    }

    /// <summary>Checks the action's parameters before anything is looked up, and returns how to make its command.</summary>
    private static Func<ContainerInfo, object> Command(ApiCall call, string action)
    {
        var p = call.Parameters;
        var project = call.Caller.ProjectId;
        var user = call.Caller.UserId;
        var id = call.OperationId;
        switch (action)
        {
            case "start":
                p.AllowOnly();
                return c => new StartContainer { OperationId = id, ContainerId = c.ContainerId, ProjectId = project, UserId = user };
            case "stop":
                p.AllowOnly("timeout");
                var stopTimeout = Seconds(p);
                return c => new StopContainer { OperationId = id, ContainerId = c.ContainerId, TimeoutSeconds = stopTimeout, ProjectId = project, UserId = user };
            case "reboot":
                p.AllowOnly("timeout");
                var rebootTimeout = Seconds(p);
                return c => new RestartContainer { OperationId = id, ContainerId = c.ContainerId, TimeoutSeconds = rebootTimeout, ProjectId = project, UserId = user };
            case "pause":
                p.AllowOnly();
                return c => new PauseContainer { OperationId = id, ContainerId = c.ContainerId, ProjectId = project, UserId = user };
            case "unpause":
                p.AllowOnly();
                return c => new UnpauseContainer { OperationId = id, ContainerId = c.ContainerId, ProjectId = project, UserId = user };
            case "kill":
                p.AllowOnly("signal");
                var signal = p.String("signal");
                return c => new KillContainer { OperationId = id, ContainerId = c.ContainerId, Signal = signal, ProjectId = project, UserId = user };
            case "rebuild":
                p.AllowOnly("image", "image_driver");
                if (p.String("image_driver") is { } driver && driver != "docker")
                    throw ApiException.BadRequest($"image_driver '{driver}' is not supported by this deployment (only 'docker' is)");
                var image = p.String("image");
                return c => new RebuildContainer { OperationId = id, ContainerId = c.ContainerId, Image = image, ProjectId = project, UserId = user };
            case "commit":
                p.AllowOnly("repository", "tag");
                var repository = p.String("repository") ?? throw ApiException.BadRequest("Invalid input for field/attribute repository: 'repository' is required");
                var tag = p.String("tag");
                return c => new CommitContainer { OperationId = id, ContainerId = c.ContainerId, Repository = repository, Tag = tag, ProjectId = project, UserId = user };
            case "resize_container":
                if (!call.Version.IsAtLeast(1, 19))
                    throw ApiException.NotFound($"resize_container needs microversion 1.19 or later; this request asked for {call.Version}");
                p.AllowOnly("cpu", "memory");
                return c => ContainerResize.Read(call, c) ?? throw ApiException.BadRequest("resize_container needs cpu or memory");
            default:
                throw ApiException.NotFound($"The resource could not be found: there is no container action '{action}'");
        }
    }

    /// <summary>Rename is an action before 1.14 (PATCH name from then on), and upstream answers it with the renamed container.</summary>
    private static async Task<IResult> Rename(ApiCall call, string ident, ContainerLookup lookup, CommandGateway gateway)
    {
        if (call.Version.IsAtLeast(1, 14))
            throw ApiException.NotFound($"rename is an action only before microversion 1.14; from 1.14 use PATCH /v1/containers/{ident} with a name (this request asked for {call.Version})");
        call.Parameters.AllowOnly("name");
        var name = call.Parameters.String("name") is { } given && ContainerNames.IsValid(given)
            ? given
            : throw ApiException.BadRequest("Invalid input for field/attribute name: a name of 2 to 255 letters, digits, '_', '.' and '-' is required");
        var container = await lookup.FindAsync(call, ident, ZunRules.Action("rename"));
        if (container.Name == name)
            throw ApiException.Conflict("The new name for the container is the same as the old name.");

        await gateway.ExecuteAsync(new RenameContainer
        {
            OperationId = call.OperationId,
            ContainerId = container.ContainerId,
            Name = name,
            ProjectId = call.Caller.ProjectId,
            UserId = call.Caller.UserId,
        }, call.Aborted);
        var renamed = await lookup.FindAsync(container.ContainerId.ToString("D"), call.Caller, allProjects: false, call.Aborted);
        return ApiResults.Json(ContainerView.Render(renamed, call));
    }

    private static int? Seconds(RequestParameters p) => p.Integer("timeout") is { } seconds ? (int)Math.Min(seconds, int.MaxValue) : null;
}
