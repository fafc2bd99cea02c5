using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary><c>/v1/containers</c>: list, show, create, update and delete (upstream's ContainersController).</summary>
internal static class ContainerEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        var containers = v1.MapGroup("/containers");
        containers.MapGet("", List);
        containers.MapPost("", Create);
        containers.MapGet("/{ident}", Show);
        containers.MapPatch("/{ident}", Update);
        containers.MapDelete("/{ident}", Delete);
        ContainerActionEndpoints.Map(containers);
        ContainerReadEndpoints.Map(containers);
        ContainerActionHistory.Map(containers);
    }

    private static async Task<IResult> List(HttpContext http, ZunConnection zun)
    {
        var call = await ApiCall.ReadAsync(http);
        call.Parameters.AllowOnly(ContainerListQuery.Parameters);
        call.Policy.Authorize(ZunRules.ContainerGetAll);
        var allProjects = call.AllProjects(ZunRules.ContainerGetAllAllProjects);

        // Filtering by a key the caller may not see would tell its values: upstream checks the key's rule.
        foreach (var filter in ContainerListQuery.Filters.Where(call.Parameters.Has))
            call.Policy.AuthorizeIfDefined(ZunRules.ShowKey(filter));
        var query = ContainerListQuery.Read(call.Parameters, call.Caller.ProjectId, allProjects);
        var page = query.MatchesNothing ? [] : query.PageOf(await zun.Client.ListContainerPageAsync(query.Request, call.Aborted));
        return ApiResults.Json(new JsonObject
        {
            ["containers"] = new JsonArray([.. page.Select(c => (JsonNode)ContainerView.Render(c, call))]),
            ["next"] = query.NextLink(call.BaseUrl, page),
        });
    }

    private static async Task<IResult> Show(HttpContext http, string ident, ContainerLookup lookup)
    {
        var call = await ApiCall.ReadAsync(http);
        call.Parameters.AllowOnly("all_projects");
        var container = await lookup.FindAsync(call, ident, ZunRules.ContainerGetOne, call.AllProjects(ZunRules.ContainerGetOneAllProjects));
        return ApiResults.Json(ContainerView.Render(container, call));
    }

    private static async Task<IResult> Create(HttpContext http, CommandGateway gateway)
    {
        var call = await ApiCall.ReadAsync(http);
        if (http.Request.Query.Keys.FirstOrDefault(k => k != "run") is { } unknown)
            throw ApiException.BadRequest($"Invalid input: additional query parameters are not allowed ('{unknown}' was unexpected)");
        var run = http.Request.Query.ContainsKey("run") && call.Parameters.Bool("run", whenAbsent: false);

        var command = CreateContainerRequest.Parse(call.Parameters.Body, call.Version, call.Caller, call.OperationId, run);
        AuthorizeCreate(call.Policy, command);
        var accepted = await gateway.SubmitAsync(command, call.Aborted);

        var created = new ContainerInfo
        {
            ContainerId = command.ContainerId,
            Name = command.Name,
            Image = command.Image,
            Command = command.Command,
            Status = accepted.Container?.Status ?? ContainerStatus.Creating,
            TaskState = accepted.Container?.TaskState,
            Host = accepted.Container?.Host,
            Cpu = command.Cpu,
            MemoryMb = command.MemoryMb,
            Labels = command.Labels,
            Entrypoint = command.Entrypoint,
            RestartPolicy = command.RestartPolicy,
            AutoRemove = command.AutoRemove,
            Privileged = command.Privileged,
            ProjectId = command.ProjectId,
            UserId = command.UserId,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        http.Response.Headers.Location = $"{call.BaseUrl}/v1/containers/{command.ContainerId:D}";
        return ApiResults.Json(ContainerView.Render(created, call), StatusCodes.Status202Accepted);
    }

    /// <summary>Upstream's create checks, in upstream's order: the create, then each field that needs more than that.</summary>
    private static void AuthorizeCreate(CallerPolicy policy, CreateContainer command)
    {
        policy.Authorize(ZunRules.ContainerCreate);
        if (command.Runtime is not null)
            policy.Authorize(ZunRules.ContainerCreateRuntime);
        if (command.Privileged)
            policy.Authorize(ZunRules.ContainerCreatePrivileged);
        if (!string.IsNullOrEmpty(command.ImagePullPolicy))
            policy.Authorize(ZunRules.ContainerCreateImagePullPolicy);
        if (!string.IsNullOrEmpty(command.Host))
            policy.Authorize(ZunRules.ContainerCreateRequestedDestination);
    }

    /// <summary>PATCH: cpu and memory applied live, and from 1.14 the name; answered once done, as upstream does.</summary>
    private static async Task<IResult> Update(HttpContext http, string ident, ContainerLookup lookup, CommandGateway gateway)
    {
        var call = await ApiCall.ReadAsync(http);
        var body = call.Parameters.Body ?? throw ApiException.BadRequest("The request body must be a JSON object with cpu, memory or name");
        var fields = call.Version.IsAtLeast(1, 14) ? new[] { "cpu", "memory", "name", "auto_heal" } : ["cpu", "memory", "auto_heal"];
        call.Parameters.AllowOnly(fields);
        if (body["auto_heal"] is not null)
            throw ApiException.BadRequest("'auto_heal' is not supported by this deployment yet");

        var container = await lookup.FindAsync(call, ident, ZunRules.ContainerUpdate);
        var resize = ContainerResize.Read(call, container);
        if (resize is not null)
            await gateway.ExecuteAsync(resize, call.Aborted);
        if (CreateContainerRequest.Name(body) is { } name)
        {
            await gateway.ExecuteAsync(new RenameContainer
            {
                OperationId = resize is null ? call.OperationId : Guid.NewGuid(),
                ContainerId = container.ContainerId,
                Name = name,
                ProjectId = call.Caller.ProjectId,
                UserId = call.Caller.UserId,
            }, call.Aborted);
        }

        var updated = await lookup.FindAsync(container.ContainerId.ToString("D"), call.Caller, allProjects: false, call.Aborted);
        return ApiResults.Json(ContainerView.Render(updated, call));
    }

    private static async Task<IResult> Delete(HttpContext http, string ident, ContainerLookup lookup, CommandGateway gateway)
    {
        var call = await ApiCall.ReadAsync(http);
        call.Parameters.AllowOnly("force", "stop", "all_projects");
        call.RequireVersionFor("force", 7);
        call.RequireVersionFor("stop", 12);
        var allProjects = call.AllProjects(ZunRules.ContainerDeleteAllProjects);
        var container = await lookup.FindAsync(call, ident, ZunRules.ContainerDelete, allProjects);
        var force = call.Parameters.Bool("force", whenAbsent: false);
        var stop = call.Parameters.Bool("stop", whenAbsent: false);
        if (force && !stop)
            call.Policy.Authorize(ZunRules.ContainerDeleteForce);

        // Upstream stops a running container first, which takes the stop rule too.
        if (stop && container.Status == ContainerStatus.Running)
            call.Policy.Authorize(ZunRules.ContainerStop, container);
        await gateway.SubmitAsync(new DeleteContainer
        {
            OperationId = call.OperationId,
            ContainerId = container.ContainerId,
            Force = force,
            Stop = stop,
            ProjectId = call.Caller.ProjectId,
            AllProjects = allProjects,
            UserId = call.Caller.UserId,
        }, call.Aborted);
        return Results.NoContent();
    }
}
