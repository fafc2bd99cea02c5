using System.Diagnostics;
using System.Globalization;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Api.Tests;

/// <summary>The services list follows the workers: up while they send heartbeats, down once silent, with when they were last seen.</summary>
public sealed class ServiceStateTests
{
    [Fact]
    public async Task A_worker_that_stops_shows_down_once_past_the_liveness_window()
    {
        await using var system = await ZunTestSystem.StartAsync();
        await using var api = await ApiHost.StartAsync(system.RabbitUrl);
        using var http = new HttpClient { BaseAddress = api.Address };
        var created = await http.CreateAsync(run: false);
        await system.Reaches(Guid.Parse(created["uuid"]!.GetValue<string>()), ContainerStatus.Created);
        Assert.Equal("up", await ServiceState(http, system.WorkerHost));

        await system.StopWorkerAsync();

        Assert.Equal("down", await StateOnceDown(http, system.WorkerHost));
    }

    [Fact]
    public async Task A_stopped_worker_that_holds_no_containers_shows_down_with_when_it_was_last_seen()
    {
        await using var system = await ZunTestSystem.StartAsync();
        await using var api = await ApiHost.StartAsync(system.RabbitUrl);
        using var http = new HttpClient { BaseAddress = api.Address };
        var openstack = new OpenStackCli($"{api.Endpoint}/v1");
        Assert.Equal("up", await ServiceState(http, system.WorkerHost));

        var stopping = DateTimeOffset.UtcNow;
        await system.StopWorkerAsync();
        var stopped = DateTimeOffset.UtcNow;
        await StateOnceDown(http, system.WorkerHost);

        var services = await openstack.JsonAsync("service", "list");
        var service = Assert.Single(services.AsArray(), s => s!["Host"]!.GetValue<string>() == system.WorkerHost)!;
        Assert.Equal(("zun-compute", "down"), (service["Binary"]!.GetValue<string>(), service["State"]!.GetValue<string>()));

        // The worker beats every second, so its last heartbeat came within a few seconds before it stopped.
        var lastSeen = DateTimeOffset.Parse(service["Updated At"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(lastSeen, stopping - TimeSpan.FromSeconds(5), stopped);
        var hosts = await openstack.JsonAsync("host", "list");
        Assert.Contains(hosts.AsArray(), h => h!["hostname"]!.GetValue<string>() == system.WorkerHost);
    }

    /// <summary>
    /// Down is the absence of heartbeats for the liveness window (5 s in the test hosts): no event marks it, so the list
    /// is asked again until it says so, within a bound.
    /// </summary>
    private static async Task<string?> StateOnceDown(HttpClient http, string host)
    {
        var deadline = Stopwatch.StartNew();
        string? state;
        while ((state = await ServiceState(http, host)) != "down" && deadline.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(500);
        return state;
    }

    private static async Task<string?> ServiceState(HttpClient http, string host)
    {
        var services = await (await http.GetAsync("/v1/services")).Body();
        return services["services"]!.AsArray().FirstOrDefault(s => s!["host"]!.GetValue<string>() == host)?["state"]?.GetValue<string>();
    }
}
