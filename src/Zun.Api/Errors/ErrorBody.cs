using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Zun.Api.Errors;

/// <summary>
/// Upstream's error document (zun/api/middleware/parsable_error.py):
/// <c>{"errors": [{"request_id", "code", "status", "title", "detail", "links"}]}</c>. For a client error the title
/// is the message itself, which is what python-zunclient prints.
/// </summary>
internal static class ErrorBody
{
    public static async Task WriteAsync(HttpContext context, int status, string detail, string? code = null, string? title = null)
    {
        var kind = code ?? $"container.{Kebab(ReasonPhrases.GetReasonPhrase(status))}";
        var error = new JsonObject
        {
            ["request_id"] = ApiRequest.Of(context)?.RequestIdHeader ?? "",
            ["code"] = kind,
            ["status"] = status,
            ["title"] = title ?? (status < 500 ? detail : ReasonPhrases.GetReasonPhrase(status)),
            ["detail"] = detail,
            ["links"] = new JsonArray(),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["errors"] = new JsonArray(error) }.ToJsonString(), context.RequestAborted);
    }

    private static string Kebab(string phrase) => phrase.ToLowerInvariant().Replace(' ', '-');
}
