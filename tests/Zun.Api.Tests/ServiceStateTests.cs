using System.Diagnostics;
using Zun.Api.Tests.Infrastructure;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Api.Tests;

/// <summary>The services list follows the workers: up while they send heartbeats, down once silent.</summary>
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

        // Down is the absence of heartbeats for the liveness window (5 s in the test hosts): no event marks it, so
        // the list is asked again until it says so, within a bound.
        var deadline = Stopwatch.StartNew();
        string? state;
        while ((state = await ServiceState(http, system.WorkerHost)) != "down" && deadline.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(500);
        Assert.Equal("down", state);
    }

    private static async Task<string?> ServiceState(HttpClient http, string host)
    {
        var services = await (await http.GetAsync("/v1/services")).Body();
        return services["services"]!.AsArray().FirstOrDefault(s => s!["host"]!.GetValue<string>() == host)?["state"]?.GetValue<string>();
    }
}
