using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Zun.Api.Errors;
using Zun.Api.Messaging;
using Zun.Api.Policy;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// <c>GET /v1/containers/{ident}/get_archive?path=</c> and <c>POST .../put_archive</c> (path and data): a tar archive of
/// a path in the container, and one extracted into it, asked of its worker through the conductor. From microversion
/// 1.25 the archive travels base64-encoded, as upstream has it; before, as text, which only an archive that is valid
/// UTF-8 can be.
/// </summary>
internal static class ContainerArchiveEndpoints
{
    public static async Task<IResult> Get(ApiCall call, string ident, ContainerLookup lookup, ZunConnection zun)
    {
        call.Parameters.AllowOnly("path");
        var path = Path(call);
        var container = await lookup.FindAsync(call, ident, ZunRules.Action("get_archive"));
        var archive = ContainerReadEndpoints.Answer(await zun.Client.GetArchiveAsync(
            new GetArchive { ContainerId = container.ContainerId, Path = path, ProjectId = call.Caller.ProjectId }, call.Aborted));
        return ApiResults.Json(new JsonObject
        {
            ["data"] = call.Version.IsAtLeast(1, 25) ? archive.Data : AsText(archive.Data, call.Version),
            ["stat"] = StatView(archive.Stat!),
        });
    }

    public static async Task<IResult> Put(ApiCall call, string ident, ContainerLookup lookup, ZunConnection zun)
    {
        call.Parameters.AllowOnly("path", "data");
        var path = Path(call);
        var data = call.Parameters.String("data") ?? throw ApiException.BadRequest("Invalid input for field/attribute data: 'data' is required");
        if (call.Version.IsAtLeast(1, 25))
            RequireBase64(data);
        else
            data = Convert.ToBase64String(Encoding.UTF8.GetBytes(data));

        var container = await lookup.FindAsync(call, ident, ZunRules.Action("put_archive"));
        ContainerReadEndpoints.Answer(await zun.Client.PutArchiveAsync(
            new PutArchive { ContainerId = container.ContainerId, Path = path, Data = data, ProjectId = call.Caller.ProjectId }, call.Aborted));
        return Results.Ok();
    }

    private static string Path(ApiCall call) =>
        call.Parameters.String("path") ?? throw ApiException.BadRequest("Invalid input for field/attribute path: 'path' is required");

    /// <summary>Refused here, before the whole of it crosses the bus to be refused by the worker.</summary>
    private static void RequireBase64(string data)
    {
        var buffer = new byte[data.Length / 4 * 3 + 3];
        if (data.Length == 0 || !Convert.TryFromBase64String(data, buffer, out _))
            throw ApiException.BadRequest($"Invalid input for field/attribute data: it must be a base64-encoded tar archive ({data.Length} characters that are not base64)");
    }

    /// <summary>Before 1.25, the archive itself in the JSON string: only an archive that is valid UTF-8 can be sent so.</summary>
    private static string AsText(string base64, Versioning.ApiVersion version)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64));
        }
        catch (DecoderFallbackException)
        {
            throw ApiException.BadRequest(
                $"The archive holds bytes that are not UTF-8 text, which microversion {version} sends as they are; ask for 1.25 or later, which sends it base64-encoded");
        }
    }

    /// <summary>Docker's stat, keyed as docker-py decodes it and upstream passes it on.</summary>
    private static JsonObject StatView(ArchiveStat stat) => new()
    {
        ["name"] = stat.Name,
        ["size"] = stat.Size,
        ["mode"] = stat.Mode,
        ["mtime"] = stat.Mtime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        ["linkTarget"] = stat.LinkTarget,
    };
}
