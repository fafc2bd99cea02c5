using System.Text.Json.Nodes;
using Zun.Api.Requests;
using Zun.Api.Versioning;

namespace Zun.Api.Root;

/// <summary><c>GET /</c> (the versions document clients negotiate from), <c>GET /v1</c> and <c>/healthcheck</c>.</summary>
internal static class RootEndpoints
{
    /// <summary>The resources served, in upstream's order (it lists networks, capsules, availability zones and registries too).</summary>
    private static readonly string[] V1Resources = ["services", "containers", "images", "hosts", "quotas", "quota_classes"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", Versions);
        app.MapGet("/v1", V1);
        app.MapMethods("/healthcheck", ["GET", "HEAD"], Healthcheck);
    }

    private static IResult Versions(HttpRequest request)
    {
        var baseUrl = Links.BaseUrl(request);
        return ApiResults.Json(new JsonObject
        {
            ["name"] = "OpenStack Zun API",
            ["description"] = "Zun is an OpenStack project which aims to provide containers service.",
            ["versions"] = new JsonArray(Version(baseUrl)),
            ["default_version"] = Version(baseUrl),
        });
    }

    private static JsonObject Version(string baseUrl) => new()
    {
        ["id"] = "v1",
        ["links"] = new JsonArray(Links.Link("self", $"{baseUrl}/v1/")),
        ["status"] = "CURRENT",
        ["max_version"] = ApiVersion.Maximum.ToString(),
        ["min_version"] = ApiVersion.Minimum.ToString(),
    };

    private static IResult V1(HttpRequest request)
    {
        var baseUrl = Links.BaseUrl(request);
        var v1 = new JsonObject
        {
            ["id"] = "v1",
            ["media_types"] = new JsonArray(new JsonObject { ["base"] = "application/json", ["type"] = "application/vnd.openstack.zun.v1+json" }),
            ["links"] = new JsonArray(
                Links.Link("self", $"{baseUrl}/v1/"),
                Links.Link("describedby", "https://docs.openstack.org/developer/zun/dev/api-spec-v1.html", "text/html")),
        };
        foreach (var resource in V1Resources)
            v1[resource] = new JsonArray(Links.Link("self", $"{baseUrl}/v1/{resource}/"), Links.Link("bookmark", $"{baseUrl}/{resource}/"));
        return ApiResults.Json(v1);
    }

    /// <summary>As oslo.middleware's healthcheck answers with no backend reporting a problem.</summary>
    private static IResult Healthcheck(HttpRequest request)
    {
        if (HttpMethods.IsHead(request.Method))
            return Results.NoContent();
        return request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
            ? ApiResults.Json(new JsonObject { ["detailed"] = false, ["reasons"] = new JsonArray() })
            : Results.Text("OK", "text/plain");
    }
}
