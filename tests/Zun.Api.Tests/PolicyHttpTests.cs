using System.Net;
using System.Text.Json.Nodes;
using Zun.Api.Policy;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Api.Tests;

/// <summary>
/// Upstream's policy rules at the API, in noauth mode with the caller's project and roles in X-Project-Id and
/// X-Roles, before the real conductor, worker and Docker.
/// </summary>
public sealed class PolicyHttpTests(ApiZun zun) : IDisposable
{
    private static readonly string[] AdminKeys = ["host", "runtime", "privileged", "image_pull_policy"];

    private readonly string _project = $"policy-{Guid.NewGuid():N}";
    private readonly string _directory = Directory.CreateTempSubdirectory("zun-policy-http-").FullName;

    [Theory]
    [InlineData("GET", "/v1/containers?all_projects=True", "container:get_all_all_projects")]
    [InlineData("GET", "/v1/containers/{id}?all_projects=True", "container:get_one_all_projects")]
    [InlineData("DELETE", "/v1/containers/{id}?all_projects=True", "container:delete_all_projects")]
    [InlineData("DELETE", "/v1/containers/{id}?force=True", "container:delete_force")]
    [InlineData("GET", "/v1/containers?host=anywhere", "container:get_one:host")]
    [InlineData("GET", "/v1/hosts", "host:get_all")]
    [InlineData("GET", "/v1/services", "zun-service:get_all")]
    [InlineData("GET", "/v1/images", "image:get_all")]
    public async Task A_member_asking_for_an_admin_only_thing_gets_upstreams_403_naming_the_rule(string method, string path, string rule)
    {
        using var http = zun.Http("1.40");
        if (path.Contains("{id}", StringComparison.Ordinal))
            path = path.Replace("{id}", (await http.CreateAsync(run: false, project: _project))["uuid"]!.GetValue<string>(), StringComparison.Ordinal);

        using var response = await SendAsMember(http, new HttpMethod(method), path);

        var error = await response.Error(HttpStatusCode.Forbidden);
        Assert.Equal($"Policy doesn't allow {rule} to be performed.", error["detail"]!.GetValue<string>());
        Assert.Equal($"Policy doesn't allow {rule} to be performed.", error["title"]!.GetValue<string>());
        Assert.Equal("container.policy-not-authorized", error["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"host\": \"anywhere\"}", "container:create:requested_destination")]
    [InlineData("{\"runtime\": \"runc\"}", "container:create:runtime")]
    [InlineData("{\"image_pull_policy\": \"always\"}", "container:create:image_pull_policy")]
    public async Task A_member_naming_an_admin_only_create_field_gets_403_and_nothing_is_created(string field, string rule)
    {
        using var http = zun.Http("1.40");
        var body = JsonNode.Parse(field)!.AsObject();
        body["image"] = ApiCalls.Busybox;

        using var response = await SendAsMember(http, HttpMethod.Post, "/v1/containers", body);

        var error = await response.Error(HttpStatusCode.Forbidden);
        Assert.Equal($"Policy doesn't allow {rule} to be performed.", error["detail"]!.GetValue<string>());
        Assert.Empty(zun.System.Events.All<OperationAccepted>(a => a.OperationId == Guid.Parse(ApiCalls.RequestId(response)[4..])));
    }

    [Fact]
    public async Task Privileged_is_refused_for_everybody_by_default_admins_too()
    {
        using var http = zun.Http("1.40");
        var body = new JsonObject { ["image"] = ApiCalls.Busybox, ["privileged"] = true };

        using var asAdmin = await http.PostAsync("/v1/containers", ApiCalls.Json(body));
        using var asMember = await SendAsMember(http, HttpMethod.Post, "/v1/containers", body);

        foreach (var response in new[] { asAdmin, asMember })
        {
            var error = await response.Error(HttpStatusCode.Forbidden);
            Assert.Equal("Policy doesn't allow container:create:privileged to be performed.", error["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_policy_file_that_allows_privileged_to_admins_lets_an_admin_create_one_in_docker_and_still_refuses_a_member()
    {
        var policy = Path.Combine(_directory, "policy.yaml");
        await File.WriteAllTextAsync(policy, "\"container:create:privileged\": \"rule:admin_api\"\n");
        await using var system = await ZunTestSystem.StartAsync(conductorSettings: new Dictionary<string, string?> { ["Zun:Policy:AllowPrivileged"] = "true" });
        await using var api = await ApiHost.StartAsync(system.RabbitUrl, new Dictionary<string, string?> { ["Zun:Api:PolicyFile"] = policy });
        using var http = new HttpClient { BaseAddress = api.Address };
        http.DefaultRequestHeaders.Add("OpenStack-API-Version", "container 1.40");
        var body = new JsonObject { ["image"] = ApiCalls.Busybox, ["command"] = new JsonArray("sleep", "300"), ["privileged"] = true };

        // Created, not started: this machine's Docker may not grant a privileged container its capabilities.
        using var asAdmin = await http.PostAsync("/v1/containers", ApiCalls.Json(body));
        using var asMember = await SendAsMember(http, HttpMethod.Post, "/v1/containers", body);

        Assert.Equal(HttpStatusCode.Accepted, asAdmin.StatusCode);
        var id = Guid.Parse((await asAdmin.Body())["uuid"]!.GetValue<string>());
        var outcome = await system.Outcome(Guid.Parse(ApiCalls.RequestId(asAdmin)[4..]));
        Assert.True(outcome is OperationCompleted { Status: ContainerStatus.Created }, $"the privileged container was not created: {(outcome as OperationFailed)?.Reason ?? outcome.ToString()}");
        Assert.True((await system.InDocker(id)).HostConfig?.Privileged, "Docker has the container privileged");
        await asMember.Error(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_policy_file_can_make_an_owners_action_admin_only()
    {
        var policy = Path.Combine(_directory, "policy.yaml");
        await File.WriteAllTextAsync(policy, "# stopping is for operators here\ncontainer:stop: rule:admin_api\n");
        await using var api = await ApiHost.StartAsync(zun.System.RabbitUrl, new Dictionary<string, string?> { ["Zun:Api:PolicyFile"] = policy });
        using var http = new HttpClient { BaseAddress = api.Address };
        http.DefaultRequestHeaders.Add("OpenStack-API-Version", "container 1.40");
        var id = Guid.Parse((await http.CreateAsync(project: _project))["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        using var stop = await SendAsMember(http, HttpMethod.Post, $"/v1/containers/{id}/stop");
        using var pause = await SendAsMember(http, HttpMethod.Post, $"/v1/containers/{id}/pause");

        Assert.Equal("Policy doesn't allow container:stop to be performed.", (await stop.Error(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, pause.StatusCode);
    }

    [Fact]
    public async Task A_members_show_and_list_leave_out_host_runtime_privileged_and_image_pull_policy_and_an_admins_have_them()
    {
        using var http = zun.Http("1.40");
        var id = Guid.Parse((await http.CreateAsync(project: _project))["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        var asMember = (await (await SendAsMember(http, HttpMethod.Get, $"/v1/containers/{id}")).Body()).AsObject();
        var listedToMember = (await (await SendAsMember(http, HttpMethod.Get, "/v1/containers")).Body())["containers"]![0]!.AsObject();
        var asAdmin = (await (await http.GetAsync($"/v1/containers/{id}?all_projects=True")).Body()).AsObject();

        foreach (var key in AdminKeys)
        {
            Assert.False(asMember.ContainsKey(key), $"a member's show has '{key}'");
            Assert.False(listedToMember.ContainsKey(key), $"a member's list has '{key}'");
            Assert.True(asAdmin.ContainsKey(key), $"an admin's show lacks '{key}'");
        }

        Assert.Equal(zun.System.WorkerHost, asAdmin["host"]!.GetValue<string>());
        Assert.Equal(id.ToString("D"), asMember["uuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_policy_file_that_does_not_parse_stops_the_api_at_start_naming_the_file_and_the_line()
    {
        var policy = Path.Combine(_directory, "policy.yaml");
        await File.WriteAllTextAsync(policy, "container:stop: rule:admin_api\ncontainer:start: role:admin or\n");

        var refused = await Assert.ThrowsAsync<PolicyFileException>(() =>
            ApiHost.StartAsync(zun.System.RabbitUrl, new Dictionary<string, string?> { ["Zun:Api:PolicyFile"] = policy }));

        Assert.Contains($"{policy} (Zun:Api:PolicyFile) cannot be used: line 2: Policy rule 'container:start' does not parse at position 14", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<HttpResponseMessage> SendAsMember(HttpClient http, HttpMethod method, string path, JsonNode? body = null) =>
        http.SendAsAsync(_project, "member,reader", method, path, body);
}
