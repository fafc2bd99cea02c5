using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Api.Root;
using Zun.Contracts;

namespace Zun.Api.Images;

/// <summary><c>POST /v1/images</c>: pull an image onto a host (upstream's image pull), 202 once the conductor accepts.</summary>
internal static class ImageEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapPost("/images", Pull);
        v1.MapGet("/images", List);
    }

    private static async Task<IResult> Pull(HttpContext http, CommandGateway gateway, ZunConnection zun)
    {
        var call = await ApiCall.ReadAsync(http);
        call.Parameters.AllowOnly("repo", "host", "image_driver");
        call.Policy.Authorize(ZunRules.ImagePull);
        if (call.Parameters.String("image_driver") is { } driver && driver != "docker")
            throw ApiException.BadRequest($"image_driver '{driver}' is not supported by this deployment (only 'docker' is)");
        var repo = call.Parameters.String("repo") is { Length: >= 2 and <= 255 } given
            ? given
            : throw ApiException.BadRequest("Invalid input for field/attribute repo: 'repo' is required, a string of 2 to 255 characters");
        var host = await HostName(call.Parameters.String("host"), zun, call.Aborted);

        await gateway.SubmitAsync(new PullImage
        {
            OperationId = call.OperationId,
            Image = repo,
            Host = host,
            ProjectId = call.Caller.ProjectId,
            UserId = call.Caller.UserId,
        }, call.Aborted);

        var (repository, tag) = Split(repo);
        var uuid = call.OperationId.ToString("D");
        return ApiResults.Json(new JsonObject
        {
            ["uuid"] = uuid,
            ["links"] = Links.For(call.BaseUrl, "images", uuid),
            ["repo"] = repository,
            ["tag"] = tag,
            ["host"] = host,
            ["image_id"] = null,
            ["size"] = null,
            ["project_id"] = call.Caller.ProjectId,
        }, StatusCodes.Status202Accepted);
    }

    /// <summary>The host as a name, when the client gave its uuid (as <c>openstack appcontainer image pull</c> may).</summary>
    private static async Task<string?> HostName(string? given, ZunConnection zun, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(given, out var uuid))
            return given;
        var hosts = await zun.Client.ListHostsAsync(cancellationToken: cancellationToken);
        return hosts.FirstOrDefault(h => Hosts.HostEndpoints.HostUuid(h.Host) == uuid)?.Host
            ?? throw ApiException.NotFound($"ComputeNode {given} could not be found.");
    }

    /// <summary>Not served yet; the rule is checked first, as upstream does, so a caller it denies learns no more than that.</summary>
    private static async Task List(HttpContext http)
    {
        var call = await ApiCall.ReadAsync(http);
        call.Policy.Authorize(ZunRules.ImageGetAll);
        throw ApiException.BadRequest("Listing images is not supported by this deployment yet (Zun keeps no image records); POST /v1/images pulls one");
    }

    /// <summary><c>registry:5000/team/app:v1</c> is repository <c>registry:5000/team/app</c> and tag <c>v1</c>; no tag is latest.</summary>
    private static (string Repository, string Tag) Split(string image)
    {
        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > lastSlash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
