using System.Net;
using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Testing;

namespace Zun.Api.Tests;

/// <summary>
/// Two projects of the real Keystone sharing one Zun: a member of one never sees or touches the other's container,
/// whatever they ask for and however they name it; an administrator sees it only when asking for all projects.
/// </summary>
public sealed class KeystoneIsolationTests(ApiZun zun)
{
    private readonly KeystoneAdmin _keystone = KeystoneAdmin.FromLocalDeployment();

    [Fact]
    public async Task A_member_of_another_project_gets_404_for_everything_on_a_container_and_an_admin_sees_it_with_all_projects()
    {
        var owner = await _keystone.CreateProjectMemberAsync();
        var stranger = await _keystone.CreateProjectMemberAsync();
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, _keystone.ApiSettings(tokenCacheSeconds: 60));
        using var asOwner = api.Client(await TokenOf(owner));
        using var asStranger = api.Client(await TokenOf(stranger));
        using var asAdmin = api.Client((await _keystone.IssueTokenAsync("admin", _keystone.AdminPassword, "admin")).Token);
        var name = $"iso-{Guid.NewGuid():N}"[..16];
        var id = Guid.Parse((await asOwner.CreateAsync(name: name))["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        var answers = new List<string>();
        foreach (var (method, path, body) in EverythingOn(id.ToString("D")).Append((HttpMethod.Get, $"/v1/containers/{name}", null)))
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : ApiCalls.Json(body) };
            using var response = await asStranger.SendAsync(request);
            var error = await response.Error(HttpStatusCode.NotFound);
            answers.Add($"{method} {path}: {error["detail"]!.GetValue<string>()}");
        }

        Assert.All(answers, a => Assert.Contains("could not be found", a));
        Assert.DoesNotContain(id.ToString("D"), await ListedIds(asStranger, ""));
        Assert.True((await zun.System.DockerState(id)).Running, "the stranger's stop and delete left the container running in Docker");
        Assert.Equal("Running", (await (await asOwner.GetAsync($"/v1/containers/{id}")).Body())["status"]!.GetValue<string>());

        Assert.DoesNotContain(id.ToString("D"), await ListedIds(asAdmin, ""));
        Assert.Contains(id.ToString("D"), await ListedIds(asAdmin, "?all_projects=True"));
        Assert.Equal(HttpStatusCode.NotFound, (await asAdmin.GetAsync($"/v1/containers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync($"/v1/containers/{id}?all_projects=True")).StatusCode);
        await (await asStranger.GetAsync("/v1/containers?all_projects=True")).Error(HttpStatusCode.Forbidden);
    }

    /// <summary>Every request a client can make about one container, as python-zunclient makes them.</summary>
    private static IEnumerable<(HttpMethod Method, string Path, JsonNode? Body)> EverythingOn(string id) =>
    [
        (HttpMethod.Get, $"/v1/containers/{id}", null),
        (HttpMethod.Post, $"/v1/containers/{id}/stop", null),
        (HttpMethod.Post, $"/v1/containers/{id}/kill", null),
        (HttpMethod.Post, $"/v1/containers/{id}/pause", null),
        (HttpMethod.Patch, $"/v1/containers/{id}", new JsonObject { ["memory"] = "256" }),
        (HttpMethod.Delete, $"/v1/containers/{id}?force=False", null),
        (HttpMethod.Post, $"/v1/containers/{id}/execute", new JsonObject { ["command"] = "echo leaked", ["run"] = true }),
        (HttpMethod.Get, $"/v1/containers/{id}/logs", null),
        (HttpMethod.Get, $"/v1/containers/{id}/top", null),
        (HttpMethod.Get, $"/v1/containers/{id}/stats", null),
        (HttpMethod.Get, $"/v1/containers/{id}/container_actions", null),
    ];

    private async Task<string> TokenOf(KeystoneUser user) => (await _keystone.IssueTokenAsync(user.UserName, user.Password, user.ProjectName)).Token;

    private static async Task<IReadOnlyList<string>> ListedIds(HttpClient http, string query)
    {
        var listed = await (await http.GetAsync($"/v1/containers{query}")).Body();
        return [.. listed["containers"]!.AsArray().Select(c => c!["uuid"]!.GetValue<string>())];
    }
}
