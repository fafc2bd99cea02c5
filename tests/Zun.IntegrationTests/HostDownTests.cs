using System.Diagnostics;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests;

/// <summary>
/// The worker stops (its heartbeats with it) while its container keeps running in Docker: after
/// <c>Zun:Conductor:HostDownSeconds</c> the container is Unknown because its host is down; when the worker is back, its
/// inventory puts the container right within seconds, and the container in Docker is the same one, never restarted.
/// </summary>
public sealed class HostDownTests
{
    [Fact]
    public async Task A_silent_host_turns_its_container_Unknown_and_the_host_back_turns_it_Running_again_untouched_in_Docker()
    {
        await using var zun = await ZunTestSystem.StartAsync(conductorSettings: new Dictionary<string, string?>
        {
            ["Zun:Conductor:WorkerLivenessSeconds"] = "2",
            ["Zun:Conductor:HostDownSeconds"] = "3",
        });
        var id = await zun.RunContainer();
        var before = await zun.InspectInDocker(id);

        var clock = Stopwatch.StartNew();
        await zun.StopWorkerAsync();
        var unknown = await zun.Events.WaitFor<ContainerStatusChanged>(e => e.ContainerId == id && e.Status == ContainerStatus.Unknown, TimeSpan.FromSeconds(30));
        var downAfter = clock.Elapsed;
        Assert.Equal($"host {zun.WorkerHost} is down", unknown.StatusReason);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = id };
        Assert.IsType<OperationRejected>(await zun.Execute(stop, stop.OperationId));

        clock.Restart();
        await zun.StartWorkerAsync();
        var back = await zun.Events.WaitFor<ContainerStatusChanged>(
            e => e.ContainerId == id && e.Status == ContainerStatus.Running && e.PreviousStatus == ContainerStatus.Unknown, TimeSpan.FromSeconds(30));
        var backAfter = clock.Elapsed;

        var after = await zun.InspectInDocker(id);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal((before.ID, before.State?.StartedAt), (after.ID, after.State?.StartedAt));
        Assert.True(after.State?.Running);
        TestContext.Current.TestOutputHelper?.WriteLine($"worker stopped -> Unknown event {downAfter.TotalSeconds:0.0} s; worker started -> Running event {backAfter.TotalSeconds:0.0} s");
        Assert.True(downAfter < TimeSpan.FromSeconds(15), $"Unknown came {downAfter.TotalSeconds:0.0} s after the worker stopped (host down after 3 s)");
        Assert.True(backAfter < TimeSpan.FromSeconds(15), $"Running came {backAfter.TotalSeconds:0.0} s after the worker started");
    }
}
