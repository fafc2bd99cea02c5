using System.Net;
using Zun.Api.Tests.Infrastructure;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>
/// Projects kept apart (noauth, callers named by <c>X-Project-Id</c> and <c>X-Roles</c>): the API asks the conductor as
/// the caller, and the conductor answers for another project's container as for none; an administrator who asks for
/// all projects sees and acts on it.
/// </summary>
public sealed class TenancyTests(ApiZun zun)
{
    private static readonly string[] Actions = ["start", "stop", "reboot", "pause", "unpause", "kill", "rebuild", "commit?repository=stolen", "resize_container"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Another_project_gets_404_for_every_read_and_action_on_a_container_and_does_not_list_it_and_an_admin_for_all_projects_does()
    {
        using var http = zun.Http("1.40");
        var (owner, other) = ($"owner-{Guid.NewGuid():N}", $"other-{Guid.NewGuid():N}");
        var id = Guid.Parse((await http.CreateAsync(project: owner))["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);
        (HttpMethod Method, string Path, string Version)[] calls =
        [
            (HttpMethod.Get, $"/v1/containers/{id}", "1.40"),
            (HttpMethod.Patch, $"/v1/containers/{id}", "1.40"),
            (HttpMethod.Delete, $"/v1/containers/{id}?force=True", "1.40"),
            (HttpMethod.Get, $"/v1/containers/{id}/logs", "1.40"),
            (HttpMethod.Get, $"/v1/containers/{id}/top", "1.40"),
            (HttpMethod.Get, $"/v1/containers/{id}/stats", "1.40"),
            (HttpMethod.Get, $"/v1/containers/{id}/container_actions", "1.40"),
            (HttpMethod.Post, $"/v1/containers/{id}/execute?command=true", "1.40"),
            (HttpMethod.Post, $"/v1/containers/{id}/rename?name=taken-over", "1.13"),
            .. Actions.Select(action => (HttpMethod.Post, $"/v1/containers/{id}/{action}", "1.40")),
        ];

        foreach (var (method, path, version) in calls)
        {
            using var response = await Send(http, method, path, version, other, "member", method == HttpMethod.Patch ? """{"memory": "256"}""" : null);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} as another project answered {(int)response.StatusCode}");
        }

        using var listedToOther = await Send(http, HttpMethod.Get, "/v1/containers", "1.40", other, "member");
        using var listedToAdmin = await Send(http, HttpMethod.Get, $"/v1/containers?all_projects=True&project_id={owner}", "1.40", other, "admin");
        using var shownToAdmin = await Send(http, HttpMethod.Get, $"/v1/containers/{id}?all_projects=True", "1.40", other, "admin");
        Assert.DoesNotContain((await listedToOther.Body())["containers"]!.AsArray(), c => c!["uuid"]!.GetValue<string>() == id.ToString());
        Assert.Equal([id.ToString()], (await listedToAdmin.Body())["containers"]!.AsArray().Select(c => c!["uuid"]!.GetValue<string>()));
        Assert.Equal("Running", (await shownToAdmin.Body())["status"]!.GetValue<string>());
        Assert.Equal(ContainerStatus.Running, (await zun.System.Info(id, owner)).Status);

        using var deletedByAdmin = await Send(http, HttpMethod.Delete, $"/v1/containers/{id}?all_projects=True&force=True", "1.40", other, "admin");
        Assert.Equal(HttpStatusCode.NoContent, deletedByAdmin.StatusCode);
        await zun.System.Reaches(id, ContainerStatus.Deleted);
    }

    [Fact]
    public async Task The_conductor_itself_rejects_a_stop_from_another_project_published_on_the_bus_as_not_found()
    {
        using var http = zun.Http("1.40");
        var owner = $"owner-{Guid.NewGuid():N}";
        var id = Guid.Parse((await http.CreateAsync(project: owner))["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);
        await using var otherProject = await ZunClient.ConnectAsync(new ZunClientOptions { Url = zun.System.RabbitUrl, ProjectId = "intruder" }, Ct);

        var outcome = await otherProject.ExecuteAsync(new StopContainer { ContainerId = id }, cancellationToken: Ct);

        Assert.Equal((OperationState.Rejected, $"container {id} not found"), (outcome.State, outcome.Reason));
        Assert.Equal(ContainerStatus.Running, (await zun.System.Info(id, owner)).Status);
    }

    private static async Task<HttpResponseMessage> Send(
        HttpClient http, HttpMethod method, string path, string version, string project, string roles, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("OpenStack-API-Version", $"container {version}");
        request.Headers.Add("X-Project-Id", project);
        request.Headers.Add("X-Roles", roles);
        if (body is not null)
            request.Content = ApiCalls.Json(body);
        return await http.SendAsync(request, Ct);
    }
}
