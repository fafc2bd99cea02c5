using System.Net;
using System.Text.Json.Nodes;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Api.Tests;

/// <summary>
/// Host maintenance through upstream's service verbs, with Debian's <c>openstack appcontainer service</c> and plain
/// HTTP: a disabled host takes no new container and placement says why, enabling it lets them in again, forcing it down
/// makes its container Unknown and unsetting that puts it right, and a host with a container cannot be deleted.
/// </summary>
public sealed class ServiceMaintenanceTests
{
    [Fact]
    public async Task Disable_enable_force_down_and_delete_act_on_the_host_as_upstream_describes_them()
    {
        await using var system = await ZunTestSystem.StartAsync();
        await using var api = await ApiHost.StartAsync(system.RabbitUrl);
        using var http = new HttpClient { BaseAddress = api.Address };
        var openstack = new OpenStackCli($"{api.Endpoint}/v1");
        var host = system.WorkerHost;

        var disabled = await openstack.JsonAsync("service", "disable", host, "zun-compute", "--reason", "kernel upgrade");
        Assert.Equal((true, "kernel upgrade"), (disabled["Disabled"]!.GetValue<bool>(), disabled["Disabled Reason"]?.GetValue<string>()));
        var refusedId = Guid.Parse((await http.CreateAsync())["uuid"]!.GetValue<string>());
        var refused = await system.Reaches(refusedId, ContainerStatus.Error);
        Assert.Equal($"no valid host: {host} (disabled: kernel upgrade)", refused.StatusReason);
        var row = await ServiceRow(http, host);
        Assert.Equal((true, "kernel upgrade"), (row["disabled"]!.GetValue<bool>(), row["disabled_reason"]!.GetValue<string>()));

        using (var enable = await http.PutAsync($"/v1/services/enable?host={host}&binary=zun-compute", null))
            Assert.False((await enable.Body())["service"]!["disabled"]!.GetValue<bool>());
        var runningId = Guid.Parse((await http.CreateAsync())["uuid"]!.GetValue<string>());
        await system.Reaches(runningId, ContainerStatus.Running);

        await openstack.JsonAsync("service", "forcedown", host, "zun-compute");
        var unknown = await system.Reaches(runningId, ContainerStatus.Unknown);
        Assert.Equal($"host {host} is down", unknown.StatusReason);
        Assert.Equal("down", (await ServiceRow(http, host))["state"]!.GetValue<string>());
        using (var unset = await http.PutAsync("/v1/services/force_down", ApiCalls.Json(new JsonObject { ["host"] = host, ["binary"] = "zun-compute", ["forced_down"] = false })))
            Assert.False((await unset.Body())["service"]!["forced_down"]!.GetValue<bool>());
        await system.Reaches(runningId, ContainerStatus.Running);

        using var delete = await http.DeleteAsync($"/v1/services?host={host}&binary=zun-compute");
        var error = await delete.Error(HttpStatusCode.BadRequest);
        Assert.Contains($"host {host} has 1 containers that are not deleted", error["detail"]!.GetValue<string>());
        using var unknownHost = await http.PutAsync("/v1/services/enable?host=nowhere&binary=zun-compute", null);
        await unknownHost.Error(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_availability_zones_are_those_of_the_known_hosts()
    {
        await using var system = await ZunTestSystem.StartAsync(workerSettings: new Dictionary<string, string?> { ["Zun:Worker:AvailabilityZone"] = "rack-7" });
        await using var api = await ApiHost.StartAsync(system.RabbitUrl);
        var openstack = new OpenStackCli($"{api.Endpoint}/v1");
        await system.WaitForLiveWorker();

        var zones = JsonNode.Parse(await openstack.SucceedAsync("availability", "zone", "list", "-f", "json"))!.AsArray();

        Assert.Equal(["rack-7"], zones.Select(z => z!["availability_zone"]!.GetValue<string>()));
    }

    private static async Task<JsonNode> ServiceRow(HttpClient http, string host)
    {
        var services = await (await http.GetAsync("/v1/services")).Body();
        return services["services"]!.AsArray().Single(s => s!["host"]!.GetValue<string>() == host)!;
    }
}
