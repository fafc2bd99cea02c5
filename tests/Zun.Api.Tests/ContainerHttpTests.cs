using System.Net;
using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>The containers resource over HTTP against the real conductor, worker and Docker.</summary>
public sealed class ContainerHttpTests(ApiZun zun)
{
    [Fact]
    public async Task Create_with_run_answers_202_with_a_server_uuid_and_the_container_runs_in_docker()
    {
        using var http = zun.Http("1.40");
        var created = await http.CreateAsync();

        var id = Guid.Parse(created["uuid"]!.GetValue<string>());
        Assert.EndsWith("-container", created["name"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);
        var docker = await zun.System.InspectInDocker(id);
        Assert.True(docker?.State?.Running == true, "the container runs in Docker");
        var shown = await (await http.GetAsync($"/v1/containers/{id}")).Body();
        Assert.Equal("Running", shown["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Command_is_a_string_before_1_20_and_a_list_from_1_20()
    {
        using var old = zun.Http("1.19");
        using var response = await old.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox, ["command"] = "sleep '3 00'" }));
        var created = await response.Body();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("sleep '3 00'", created["command"]!.GetValue<string>());

        using var current = zun.Http("1.20");
        var shown = await (await current.GetAsync($"/v1/containers/{created["uuid"]}")).Body();
        Assert.Equal(["sleep", "3 00"], shown["command"]!.AsArray().Select(w => w!.GetValue<string>()));
    }

    [Fact]
    public async Task Keys_appear_from_the_microversion_that_introduced_them()
    {
        using var http = zun.Http("1.40");
        var created = await http.CreateAsync(run: false);
        var id = created["uuid"]!.GetValue<string>();

        var atFirst = (await (await zun.Http("1.1").GetAsync($"/v1/containers/{id}")).Body()).AsObject();
        var atLatest = (await (await zun.Http("1.40").GetAsync($"/v1/containers/{id}")).Body()).AsObject();
        foreach (var key in new[] { "auto_remove", "runtime", "hostname", "privileged", "tty", "entrypoint" })
        {
            Assert.False(atFirst.ContainsKey(key), key);
            Assert.True(atLatest.ContainsKey(key), key);
        }
    }

    [Fact]
    public async Task An_unknown_field_is_400_naming_it_and_nothing_is_created()
    {
        using var http = zun.Http("1.40");
        using var response = await http.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox, ["colour"] = "blue" }));
        var error = await response.Error(HttpStatusCode.BadRequest);
        Assert.Contains("'colour'", error["detail"]!.GetValue<string>());
        Assert.Empty(zun.System.Events.All<OperationAccepted>(a => a.OperationId == Guid.Parse(ApiCalls.RequestId(response)[4..])));
    }

    [Theory]
    [InlineData("nets", "[{\"network\": \"private\"}]")]
    [InlineData("security_groups", "[\"default\"]")]
    public async Task A_field_the_core_does_not_implement_is_400_saying_so(string field, string value)
    {
        using var http = zun.Http("1.40");
        using var response = await http.PostAsync("/v1/containers", ApiCalls.Json($"{{\"image\": \"{ApiCalls.Busybox}\", \"{field}\": {value}}}"));
        var error = await response.Error(HttpStatusCode.BadRequest);
        Assert.Contains($"'{field}' is not supported by this deployment", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_healthcheck_is_taken_from_1_22_shown_as_upstream_shows_it_and_its_health_is_in_status_detail()
    {
        using var http = zun.Http("1.40");
        var body = new JsonObject
        {
            ["image"] = ApiCalls.Busybox,
            ["command"] = new JsonArray("sleep", "300"),
            ["healthcheck"] = new JsonObject { ["cmd"] = "true", ["interval"] = 1, ["retries"] = 2, ["timeout"] = 1 },
        };
        using var response = await http.PostAsync("/v1/containers?run=true", ApiCalls.Json(body));
        var id = Guid.Parse((await response.Body())["uuid"]!.GetValue<string>());
        await zun.System.Events.WaitFor<ContainerStatusChanged>(e => e.ContainerId == id && e.Health == "healthy", TimeSpan.FromSeconds(15));

        var shown = await (await http.GetAsync($"/v1/containers/{id}")).Body();
        Assert.Equal("""{"cmd":"true","interval":1,"retries":2,"timeout":1}""", shown["healthcheck"]!.ToJsonString());
        Assert.Equal("Up (healthy)", shown["status_detail"]!.GetValue<string>());

        using var old = zun.Http("1.21");
        using var refused = await old.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox, ["healthcheck"] = new JsonObject { ["cmd"] = "true" } }));
        Assert.Contains("'healthcheck' is not supported in microversion 1.21", (await refused.Error(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
        using var noCommand = await http.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox, ["healthcheck"] = new JsonObject { ["interval"] = 1 } }));
        Assert.Contains("'cmd' is required", (await noCommand.Error(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_create_asking_for_a_zone_no_host_is_in_is_accepted_and_fails_naming_each_hosts_zone()
    {
        using var http = zun.Http("1.40");
        using var response = await http.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox, ["availability_zone"] = "az-none" }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var operationId = Guid.Parse(ApiCalls.RequestId(response)[4..]);

        var failed = await zun.System.Events.WaitFor<OperationFailed>(f => f.OperationId == operationId, TimeSpan.FromSeconds(30));

        Assert.StartsWith("no valid host: ", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("(availability zone nova ≠ az-none)", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hint_the_scheduler_does_not_read_is_400_naming_it()
    {
        using var http = zun.Http("1.40");
        using var response = await http.PostAsync("/v1/containers", ApiCalls.Json("{\"image\": \"" + ApiCalls.Busybox + "\", \"hints\": {\"a\": \"b\"}}"));
        var error = await response.Error(HttpStatusCode.BadRequest);
        Assert.Contains("hints 'a' is not a hint this scheduler reads", error["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"image\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"image\": 42}")]
    [InlineData("{\"command\": [\"sleep\"]}")]
    [InlineData("{\"image\": \"busybox\", \"memory\": \"lots\"}")]
    [InlineData("{\"image\": \"busybox\", \"name\": \"-bad name\"}")]
    public async Task Bad_input_is_a_clear_400(string body)
    {
        using var http = zun.Http("1.40");
        using var response = await http.PostAsync("/v1/containers", ApiCalls.Json(body));
        await response.Error(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        using var http = zun.Http("1.40");
        var huge = new string('x', 200_000);
        using var response = await http.PostAsync("/v1/containers", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox, ["name"] = huge }));
        await response.Error(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("6b1f3ab7-8a9e-4a8e-9d1c-3d1b3e0f2a11")]
    [InlineData("no-such-container")]
    public async Task An_unknown_container_is_404(string ident)
    {
        using var http = zun.Http("1.40");
        using var response = await http.GetAsync($"/v1/containers/{ident}");
        var error = await response.Error(HttpStatusCode.NotFound);
        Assert.Equal($"Container {ident} could not be found.", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Starting_a_running_container_is_409_naming_the_action_and_the_status()
    {
        using var http = zun.Http("1.40");
        var id = Guid.Parse((await http.CreateAsync())["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        using var response = await http.PostAsync($"/v1/containers/{id}/start", null);
        var error = await response.Error(HttpStatusCode.Conflict);
        Assert.Contains("cannot start a container in status Running", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_container_is_found_by_name_and_a_shared_name_is_409()
    {
        using var http = zun.Http("1.40");
        var name = $"n{Guid.NewGuid():N}"[..20];
        var first = await http.CreateAsync(name, run: false);

        var byName = await (await http.GetAsync($"/v1/containers/{name}")).Body();
        Assert.Equal(first["uuid"]!.GetValue<string>(), byName["uuid"]!.GetValue<string>());

        var second = await http.CreateAsync(name, run: false);
        await zun.System.Reaches(Guid.Parse(second["uuid"]!.GetValue<string>()), ContainerStatus.Created);
        using var ambiguous = await http.GetAsync($"/v1/containers/{name}");
        var error = await ambiguous.Error(HttpStatusCode.Conflict);
        Assert.Contains("Multiple containers exist with same name", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_list_pages_by_limit_and_marker_following_next_links()
    {
        using var http = zun.Http("1.40");
        var project = $"page-{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await http.CreateAsync(run: false, project: project))["uuid"]!.GetValue<string>());
        foreach (var id in ids)
            await zun.System.Reaches(Guid.Parse(id), ContainerStatus.Created);

        var seen = new List<string>();
        var url = "/v1/containers/?limit=2";
        while (url is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Project-Id", project);
            var page = await (await http.SendAsync(request)).Body();
            var items = page["containers"]!.AsArray();
            Assert.True(items.Count <= 2);
            seen.AddRange(items.Select(c => c!["uuid"]!.GetValue<string>()));
            url = page["next"]?.GetValue<string>();
            Assert.True(url is null || items.Count == 2);
        }

        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task A_list_is_filtered_and_sorted_as_asked_and_an_unknown_marker_is_404()
    {
        using var http = zun.Http("1.40");
        var project = $"sort-{Guid.NewGuid():N}";
        var names = new[] { "b-web", "a-db", "c-web" };
        foreach (var name in names)
            await zun.System.Reaches(Guid.Parse((await http.CreateAsync(name, run: false, project: project))["uuid"]!.GetValue<string>()), ContainerStatus.Created);

        async Task<string[]> Names(string query)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/containers?{query}");
            request.Headers.Add("X-Project-Id", project);
            var page = await (await http.SendAsync(request)).Body();
            return [.. page["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())];
        }

        Assert.Equal(["c-web", "b-web", "a-db"], await Names("sort_key=name&sort_dir=desc"));
        Assert.Equal(["a-db"], await Names("name=a-db&status=Created&image=" + Uri.EscapeDataString(ApiCalls.Busybox)));
        Assert.Empty(await Names("image=no-such-image"));

        using var unknown = await http.GetAsync($"/v1/containers?marker={Guid.NewGuid()}");
        await unknown.Error(HttpStatusCode.NotFound);
        using var badTask = await http.GetAsync("/v1/containers?task_state=sleeping");
        var error = await badTask.Error(HttpStatusCode.BadRequest);
        Assert.Contains("task_state", error["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trailing_slashes_and_python_booleans_are_accepted()
    {
        using var http = zun.Http("1.40");
        using var response = await http.PostAsync("/v1/containers/?run=True", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox, ["command"] = new JsonArray("sleep", "300") }));
        var id = Guid.Parse((await response.Body())["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        using var delete = await http.DeleteAsync($"/v1/containers/{id}/?force=True&stop=True");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await zun.System.Reaches(id, ContainerStatus.Deleted);
    }

    [Fact]
    public async Task The_operation_a_request_starts_is_found_in_container_actions_by_its_request_id()
    {
        using var http = zun.Http("1.40");
        using var create = await http.PostAsync("/v1/containers?run=true", ApiCalls.Json(new JsonObject { ["image"] = ApiCalls.Busybox, ["command"] = new JsonArray("sleep", "300") }));
        var requestId = ApiCalls.RequestId(create);
        var id = Guid.Parse((await create.Body())["uuid"]!.GetValue<string>());
        await zun.System.Outcome(Guid.Parse(requestId[4..]));

        var actions = await (await http.GetAsync($"/v1/containers/{id}/container_actions")).Body();
        var action = Assert.Single(actions["containerActions"]!.AsArray());
        Assert.Equal(("create", requestId), (action!["action"]!.GetValue<string>(), action["request_id"]!.GetValue<string>()));

        var shown = await (await http.GetAsync($"/v1/containers/{id}/container_actions/{requestId}")).Body();
        Assert.Equal("Success", shown["events"]![0]!["result"]!.GetValue<string>());
        Assert.NotNull(shown["finish_time"]?.GetValue<string>());
    }
}
