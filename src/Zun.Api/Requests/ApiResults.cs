using System.Text;
using System.Text.Json.Nodes;

namespace Zun.Api.Requests;

/// <summary>JSON answers built from <see cref="JsonNode"/>s, so each view decides its keys and their order.</summary>
internal static class ApiResults
{
    public static IResult Json(JsonNode? body, int status = StatusCodes.Status200OK) =>
        Results.Text(body?.ToJsonString() ?? "null", "application/json", Encoding.UTF8, status);

    /// <summary>202 with no body, as upstream answers an accepted action.</summary>
    public static IResult Accepted() => Results.StatusCode(StatusCodes.Status202Accepted);
}
