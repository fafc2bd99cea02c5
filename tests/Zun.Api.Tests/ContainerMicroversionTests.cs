using System.Net;
using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>Behaviour that follows the requested microversion, and the shapes of the read-only container calls.</summary>
public sealed class ContainerMicroversionTests(ApiZun zun)
{
    [Fact]
    public async Task Rename_is_an_action_before_1_14_and_a_patch_from_1_14()
    {
        using var old = zun.Http("1.13");
        var id = (await old.CreateAsync(run: false))["uuid"]!.GetValue<string>();
        await zun.System.Reaches(Guid.Parse(id), ContainerStatus.Created);

        var renamed = $"r{Guid.NewGuid():N}"[..16];
        var byAction = await (await old.PostAsync($"/v1/containers/{id}/rename?name={renamed}", null)).Body();
        Assert.Equal(renamed, byAction["name"]!.GetValue<string>());
        using var patchTooEarly = await old.PatchAsync($"/v1/containers/{id}", ApiCalls.Json(new JsonObject { ["name"] = "later-name" }));
        Assert.Contains("'name'", (await patchTooEarly.Error(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());

        using var current = zun.Http("1.14");
        using var actionTooLate = await current.PostAsync($"/v1/containers/{id}/rename?name=again", null);
        await actionTooLate.Error(HttpStatusCode.NotFound);
        var byPatch = await (await current.PatchAsync($"/v1/containers/{id}", ApiCalls.Json(new JsonObject { ["name"] = $"{renamed}-2" }))).Body();
        Assert.Equal($"{renamed}-2", byPatch["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logs_is_a_json_string_and_execute_has_upstreams_non_interactive_shape()
    {
        using var http = zun.Http("1.40");
        var id = Guid.Parse((await http.CreateAsync(command: ["sh", "-c", "echo logged-line; sleep 300"]))["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        var logs = await (await http.GetAsync($"/v1/containers/{id}/logs?stdout=True&stderr=True&tail=all")).Body();
        Assert.Contains("logged-line", logs.GetValue<string>());

        var exec = (await (await http.PostAsync($"/v1/containers/{id}/execute?run=true&command=sh%20-c%20%27echo%20out%3B%20exit%205%27", null)).Body()).AsObject();
        Assert.Equal(["output", "exit_code", "exec_id", "proxy_url"], exec.Select(p => p.Key));
        Assert.Equal(("out\n", 5), (exec["output"]!.GetValue<string>(), exec["exit_code"]!.GetValue<int>()));
        Assert.Null(exec["exec_id"]);

        var stats = (await (await http.GetAsync($"/v1/containers/{id}/stats")).Body()).AsObject();
        Assert.Equal(["CONTAINER", "CPU %", "MEM USAGE(MiB)", "MEM LIMIT(MiB)", "MEM %", "BLOCK I/O(B)", "NET I/O(B)"], stats.Select(p => p.Key));
    }

    [Fact]
    public async Task Kill_with_a_signal_and_resize_container_reach_docker()
    {
        using var http = zun.Http("1.40");
        // PID 1 has no default action for SIGTERM: the shell traps it, so the exit code shows the signal arrived.
        var id = Guid.Parse((await http.CreateAsync(command: ["sh", "-c", "trap 'exit 7' TERM; while true; do sleep 1; done"]))["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        using var resize = await http.PostAsync($"/v1/containers/{id}/resize_container", ApiCalls.Json(new JsonObject { ["memory"] = 96 }));
        Assert.Equal(HttpStatusCode.Accepted, resize.StatusCode);
        await zun.System.Events.WaitFor<OperationCompleted>(c => c.ContainerId == id && c.Action == ContainerAction.Update, TimeSpan.FromSeconds(60));
        Assert.Equal(96L * 1024 * 1024, (await zun.System.InDocker(id)).HostConfig?.Memory);

        using var kill = await http.PostAsync($"/v1/containers/{id}/kill?signal=SIGTERM", null);
        Assert.Equal(HttpStatusCode.Accepted, kill.StatusCode);
        await zun.System.Reaches(id, ContainerStatus.Stopped);
        Assert.Equal(7, (await zun.System.DockerState(id)).ExitCode);
    }

    [Fact]
    public async Task Another_projects_container_is_not_found_and_all_projects_is_for_admins()
    {
        using var http = zun.Http("1.40");
        var owner = $"owner-{Guid.NewGuid():N}";
        var id = (await http.CreateAsync(run: false, project: owner))["uuid"]!.GetValue<string>();

        using var asOther = new HttpRequestMessage(HttpMethod.Get, $"/v1/containers/{id}");
        asOther.Headers.Add("X-Project-Id", "someone-else");
        await (await http.SendAsync(asOther)).Error(HttpStatusCode.NotFound);

        using var allAsMember = new HttpRequestMessage(HttpMethod.Get, "/v1/containers?all_projects=True");
        allAsMember.Headers.Add("X-Project-Id", "someone-else");
        allAsMember.Headers.Add("X-Roles", "member");
        await (await http.SendAsync(allAsMember)).Error(HttpStatusCode.Forbidden);

        var all = await (await http.GetAsync("/v1/containers?all_projects=1")).Body();
        Assert.Contains(all["containers"]!.AsArray(), c => c!["uuid"]!.GetValue<string>() == id && c["project_id"]!.GetValue<string>() == owner);
    }

    [Fact]
    public async Task A_list_filtered_by_another_project_shows_none_of_its_containers_unless_all_projects_is_allowed()
    {
        using var http = zun.Http("1.40");
        var owner = $"owner-{Guid.NewGuid():N}";
        var id = (await http.CreateAsync(run: false, project: owner))["uuid"]!.GetValue<string>();
        await zun.System.Reaches(Guid.Parse(id), ContainerStatus.Created);

        using var asOther = new HttpRequestMessage(HttpMethod.Get, $"/v1/containers?project_id={owner}");
        asOther.Headers.Add("X-Project-Id", "someone-else");
        var seenByOther = await (await http.SendAsync(asOther)).Body();
        var seenByAdmin = await (await http.GetAsync($"/v1/containers?project_id={owner}&all_projects=True")).Body();

        Assert.Empty(seenByOther["containers"]!.AsArray());
        Assert.Equal([id], seenByAdmin["containers"]!.AsArray().Select(c => c!["uuid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task After_a_run_of_bad_requests_the_api_keeps_serving_and_nothing_reached_the_conductor()
    {
        using var http = zun.Http("1.40");
        var before = zun.System.Events.All<OperationRejected>().Count;
        string[] bodies = ["{", "null", "\"text\"", "{\"image\": []}", "{\"image\": \"busybox\", \"cpu\": \"many\"}", "{\"image\": \"busybox\", \"restart_policy\": {\"Name\": 3}}"];
        foreach (var body in bodies)
        {
            using var response = await http.PostAsync("/v1/containers", ApiCalls.Json(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using var badSort = await http.GetAsync("/v1/containers?sort_dir=sideways");
        await badSort.Error(HttpStatusCode.BadRequest);
        using var badLimit = await http.GetAsync("/v1/containers?limit=-3");
        await badLimit.Error(HttpStatusCode.BadRequest);
        using var badParameter = await http.GetAsync("/v1/containers?colour=blue");
        await badParameter.Error(HttpStatusCode.BadRequest);

        Assert.Equal(before, zun.System.Events.All<OperationRejected>().Count);
        using var stillServing = await http.GetAsync("/v1/containers");
        Assert.Equal(HttpStatusCode.OK, stillServing.StatusCode);
    }
}
