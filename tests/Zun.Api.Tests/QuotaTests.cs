using System.Net;
using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Api.Tests;

/// <summary>
/// Quotas and quota classes through upstream's endpoints, driven as operators drive them (Debian's
/// <c>openstack appcontainer quota ...</c> in noauth, that is as the admin) and as a project's member (X-Project-Id,
/// X-Roles), before the real conductor and worker. The test system lifts every configured limit; each test limits a
/// project (or a class) of its own, so the other tests are never refused.
/// </summary>
public sealed class QuotaTests(ApiZun zun)
{
    private readonly string _project = $"quota-{Guid.NewGuid():N}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_sets_reads_and_deletes_a_projects_quotas_with_openstack_appcontainer_quota()
    {
        var openstack = new OpenStackCli(zun.V1);
        using var http = zun.Http("1.40");

        var updated = await openstack.JsonAsync("quota", "update", "--containers", "5", "--memory", "1024", "--cpu", "3", _project);
        var shown = await openstack.JsonAsync("quota", "get", _project);
        var defaults = await openstack.JsonAsync("quota", "default", _project);
        var deleted = await openstack.SucceedAsync("quota", "delete", _project);

        Assert.Equal(Limits(5, 1024, 100, 3), updated.ToJsonString());
        Assert.Equal(Limits(5, 1024, 100, 3), shown.ToJsonString());
        Assert.Equal(Limits(-1, -1, 100, -1), defaults.ToJsonString());
        Assert.Contains("Request to delete quotas has been accepted.", deleted);
        Assert.Equal(Limits(-1, -1, 100, -1), (await (await http.GetAsync($"/v1/quotas/{_project}", Ct)).Body()).ToJsonString());
    }

    [Fact]
    public async Task An_administrator_sets_and_reads_a_quota_class_with_openstack_appcontainer_quota_class()
    {
        var openstack = new OpenStackCli(zun.V1);

        // Not the class named default: that one would limit every project of the other tests.
        var name = $"gold-{Guid.NewGuid():N}";
        var updated = await openstack.JsonAsync("quota", "class", "update", "--containers", "7", "--disk", "20", name);
        var shown = await openstack.JsonAsync("quota", "class", "get", name);

        Assert.Equal(Limits(7, -1, 20, -1), updated.ToJsonString());
        Assert.Equal(Limits(7, -1, 20, -1), shown.ToJsonString());
    }

    [Fact]
    public async Task A_member_reads_its_projects_quotas_but_may_not_change_them_nor_read_another_projects_nor_a_class()
    {
        using var http = zun.Http("1.40");
        using var set = await http.PutAsync($"/v1/quotas/{_project}", ApiCalls.Json(new JsonObject { ["containers"] = 3 }), Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        using var own = await SendAsMember(http, HttpMethod.Get, $"/v1/quotas/{_project}");
        using var ownDefaults = await SendAsMember(http, HttpMethod.Get, $"/v1/quotas/{_project}/defaults");
        Assert.Equal(3, (await own.Body())["containers"]!.GetValue<int>());
        Assert.Equal(-1, (await ownDefaults.Body())["containers"]!.GetValue<int>());

        (HttpMethod Method, string Path, string Rule)[] denied =
        [
            (HttpMethod.Put, $"/v1/quotas/{_project}?containers=100", "quota:update"),
            (HttpMethod.Delete, $"/v1/quotas/{_project}", "quota:delete"),
            (HttpMethod.Get, $"/v1/quotas/other-{_project}", "quota:get"),
            (HttpMethod.Get, $"/v1/quotas/other-{_project}/defaults", "quota:get_default"),
            (HttpMethod.Get, "/v1/quota_classes/default", "quota_class:get"),
            (HttpMethod.Put, "/v1/quota_classes/default?containers=0", "quota_class:update"),
        ];
        foreach (var (method, path, rule) in denied)
        {
            using var response = await SendAsMember(http, method, path);
            var error = await response.Error(HttpStatusCode.Forbidden);
            Assert.Equal(($"Policy doesn't allow {rule} to be performed.", "container.policy-not-authorized"), (error["detail"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        }

        Assert.Equal(3, (await (await http.GetAsync($"/v1/quotas/{_project}", Ct)).Body())["containers"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_create_over_the_containers_quota_and_an_update_over_the_cpu_quota_are_403_with_the_reason_and_quota_get_usages_shows_in_use()
    {
        using var http = zun.Http("1.40");
        using var set = await http.PutAsync($"/v1/quotas/{_project}", ApiCalls.Json(new JsonObject { ["containers"] = 1, ["cpu"] = 1 }), Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var first = await CreateAsMember(http);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var id = Guid.Parse((await first.Body())["uuid"]!.GetValue<string>());
        await zun.System.Reaches(id, ContainerStatus.Running);

        using var second = await CreateAsMember(http);
        using var grown = await SendAsMember(http, HttpMethod.Patch, $"/v1/containers/{id}", new JsonObject { ["cpu"] = 1.5 });
        var usages = await new OpenStackCli(zun.V1).JsonAsync("quota", "get", "--usages", _project);

        var overCount = await second.Error(HttpStatusCode.Forbidden);
        Assert.Equal(($"quota exceeded for project {_project}: containers limit 1, 1 in use, 1 more asked", "container.over-quota"),
            (overCount["detail"]!.GetValue<string>(), overCount["code"]!.GetValue<string>()));
        var overCpu = await grown.Error(HttpStatusCode.Forbidden);
        Assert.Equal($"quota exceeded for project {_project}: cpu limit 1, 0.5 in use, 1 more asked", overCpu["detail"]!.GetValue<string>());
        Assert.Equal("""{"limit":1,"in_use":1}""", usages["containers"]!.ToJsonString());
        Assert.Equal("""{"limit":1,"in_use":0.5}""", usages["cpu"]!.ToJsonString());
        Assert.Equal(-1, usages["memory"]!["limit"]!.GetValue<int>());

        using var removed = await http.DeleteAsync($"/v1/containers/{id}?all_projects=True&force=True", Ct);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task Quotas_are_served_from_1_26_linked_from_v1_and_a_put_takes_upstreams_fields_as_numbers_or_digits_from_minus_one()
    {
        using var before = zun.Http("1.25");
        using var http = zun.Http("1.26");

        using var tooEarly = await before.GetAsync($"/v1/quotas/{_project}", Ct);
        using var classTooEarly = await before.GetAsync("/v1/quota_classes/default", Ct);
        Assert.Contains("quotas need microversion 1.26 or later", (await tooEarly.Error(HttpStatusCode.NotFound))["detail"]!.GetValue<string>());
        await classTooEarly.Error(HttpStatusCode.NotFound);

        var v1 = await (await http.GetAsync("/v1", Ct)).Body();
        Assert.Equal($"{zun.Api.Endpoint}/v1/quotas/", v1["quotas"]![0]!["href"]!.GetValue<string>());
        Assert.Equal($"{zun.Api.Endpoint}/quota_classes/", v1["quota_classes"]![1]!["href"]!.GetValue<string>());

        using var mixed = await http.PutAsync($"/v1/quotas/{_project}", ApiCalls.Json("""{"containers": "12", "memory": -1, "disk": "-1", "cpu": 4}"""), Ct);
        Assert.Equal(Limits(12, -1, -1, 4), (await mixed.Body()).ToJsonString());
        (string Body, string Says)[] refused =
        [
            ("""{"containers": 2, "networks": 1}""", "'networks' was unexpected"),
            ("""{"cpu": -2}""", "-2 is less than the minimum of -1"),
            ("""{"memory": "-2"}""", "-2 is less than the minimum of -1"),
            ("""{"disk": "ten"}""", "field/attribute disk"),
            ("""{"containers": 1.5}""", "field/attribute containers"),
            ("""{"containers": 3000000000}""", "greater than the maximum"),
        ];
        foreach (var (body, says) in refused)
        {
            using var response = await http.PutAsync($"/v1/quotas/{_project}", ApiCalls.Json(body), Ct);
            Assert.Contains(says, (await response.Error(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>());
        }

        var usage = await (await http.GetAsync($"/v1/quotas/{_project}?usages=1", Ct)).Body();
        Assert.Equal("""{"containers":{"limit":12,"in_use":0},"memory":{"limit":-1,"in_use":0},"disk":{"limit":-1,"in_use":0},"cpu":{"limit":4,"in_use":0}}""", usage.ToJsonString());
        using var deleted = await http.DeleteAsync($"/v1/quotas/{_project}", Ct);
        Assert.Equal((HttpStatusCode.OK, "null"), (deleted.StatusCode, await deleted.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>Upstream's flat view, in its order.</summary>
    private static string Limits(int containers, int memory, int disk, int cpu) =>
        new JsonObject { ["containers"] = containers, ["memory"] = memory, ["disk"] = disk, ["cpu"] = cpu }.ToJsonString();

    private Task<HttpResponseMessage> CreateAsMember(HttpClient http) =>
        SendAsMember(http, HttpMethod.Post, "/v1/containers?run=true",
            new JsonObject { ["image"] = ApiCalls.Busybox, ["command"] = new JsonArray("sleep", "300"), ["cpu"] = 0.5 });

    private Task<HttpResponseMessage> SendAsMember(HttpClient http, HttpMethod method, string path, JsonNode? body = null) =>
        http.SendAsAsync(_project, "member,reader", method, path, body, Ct);
}
