using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Zun.Api.Tests.Infrastructure;

/// <summary>Small helpers for talking to the API the way its clients do: JSON in, JSON out.</summary>
public static class ApiCalls
{
    public const string Busybox = "127.0.0.1:5000/busybox:latest";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static async Task<JsonNode> Body(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonNode>() ?? throw new InvalidOperationException("the response had no JSON body");

    /// <summary>The one error of upstream's error document, after checking the document's shape and its request id.</summary>
    public static async Task<JsonNode> Error(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["errors"]![0]!;
        Assert.Equal((int)expected, error["status"]!.GetValue<int>());
        Assert.Equal(RequestId(response), error["request_id"]!.GetValue<string>());
        foreach (var key in new[] { "code", "title", "detail", "links" })
            Assert.NotNull(error[key]);
        return error;
    }

    /// <summary>A request as a caller of <paramref name="project"/> with <paramref name="roles"/> (noauth's X-Project-Id and X-Roles).</summary>
    public static async Task<HttpResponseMessage> SendAsAsync(
        this HttpClient http, string project, string roles, HttpMethod method, string path, JsonNode? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        request.Headers.Add("X-Project-Id", project);
        request.Headers.Add("X-Roles", roles);
        return await http.SendAsync(request, cancellationToken);
    }

    public static string RequestId(HttpResponseMessage response) => response.Headers.GetValues("x-openstack-request-id").Single();

    /// <summary>Creates a busybox container (running when <paramref name="run"/>) and returns the 202's body.</summary>
    public static async Task<JsonNode> CreateAsync(this HttpClient http, string? name = null, bool run = true, string? project = null, string[]? command = null)
    {
        var body = new JsonObject { ["image"] = Busybox, ["command"] = new JsonArray([.. (command ?? ["sleep", "300"]).Select(c => (JsonNode?)c)]) };
        if (name is not null)
            body["name"] = name;
        using var request = new HttpRequestMessage(HttpMethod.Post, run ? "/v1/containers?run=true" : "/v1/containers") { Content = Json(body) };
        request.Headers.Add("OpenStack-API-Version", "container 1.40");
        if (project is not null)
            request.Headers.Add("X-Project-Id", project);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"create answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
