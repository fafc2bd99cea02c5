using System.Text.Json.Nodes;

namespace Zun.Api.Root;

/// <summary>Upstream's pair of links for a resource: <c>self</c> under /v1 and <c>bookmark</c> without it.</summary>
internal static class Links
{
    public static JsonArray For(string baseUrl, string resource, string id) =>
    [
        Link("self", $"{baseUrl}/v1/{resource}/{id}"),
        Link("bookmark", $"{baseUrl}/{resource}/{id}"),
    ];

    public static JsonObject Link(string rel, string href, string? type = null)
    {
        var link = new JsonObject { ["href"] = href, ["rel"] = rel };
        if (type is not null)
            link["type"] = type;
        return link;
    }

    /// <summary>Where the caller reached this API: links point back there.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
