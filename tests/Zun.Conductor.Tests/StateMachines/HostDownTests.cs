using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>
/// A host whose heartbeats stop for <c>Zun:Conductor:HostDownSeconds</c> (60 s here) is down: its containers are Unknown,
/// keep their claims and take nothing but a forced delete; once it is heard again it is asked for its inventory, and its
/// report puts each container right.
/// </summary>
public sealed class HostDownTests
{
    private const int HostDownSeconds = 60;

    [Fact]
    public async Task Containers_of_a_silent_host_become_Unknown_saying_the_host_is_down_and_keep_their_claims()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var watcher = WatcherOf(zun);

        zun.Clock.Advance(TimeSpan.FromSeconds(HostDownSeconds + 1));
        await watcher.Look(TestContext.Current.CancellationToken);

        var changed = await zun.Published<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Unknown);
        Assert.Equal((ContainerStatus.Running, $"host {ConductorHarness.WorkerHost} is down"), (changed.PreviousStatus, changed.StatusReason));
        Assert.Single(zun.Claims.On(ConductorHarness.WorkerHost));

        // A second look, or another conductor's news, changes nothing more.
        await watcher.Look(TestContext.Current.CancellationToken);
        await zun.Publish(new HostWentDown { Host = ConductorHarness.WorkerHost, Timestamp = zun.Clock.GetUtcNow() });
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        await zun.Execute(stop, stop.OperationId);
        Assert.Single(zun.PublishedSoFar<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Unknown));
    }

    [Fact]
    public async Task A_command_for_a_container_of_a_down_host_is_rejected_saying_so_and_a_forced_delete_ends_the_record_and_the_claim()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        zun.Clock.Advance(TimeSpan.FromSeconds(HostDownSeconds + 1));
        await WatcherOf(zun).Look(TestContext.Current.CancellationToken);
        await zun.ContainerIn(containerId, m => m.Idle);
        await zun.Published<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Unknown);
        var sentBefore = zun.Worker.Received.Count;

        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(stop, stop.OperationId));
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Force = true };
        Assert.IsType<OperationCompleted>(await zun.Execute(delete, delete.OperationId));

        Assert.StartsWith($"host {ConductorHarness.WorkerHost} is down (silent since ", rejected.Reason, StringComparison.Ordinal);
        var record = await zun.LoadContainer(containerId);
        Assert.Equal(ContainerStatus.Deleted, record?.Status);
        Assert.Contains("removes the container as an orphan", record?.StatusReason, StringComparison.Ordinal);
        Assert.Empty(zun.Claims.On(ConductorHarness.WorkerHost));
        Assert.Equal(sentBefore, zun.Worker.Received.Count);
    }

    [Fact]
    public async Task A_host_heard_again_is_asked_for_its_inventory_and_its_report_puts_the_container_right()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var watcher = WatcherOf(zun);
        zun.Clock.Advance(TimeSpan.FromSeconds(HostDownSeconds + 1));
        await watcher.Look(TestContext.Current.CancellationToken);
        await zun.Published<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Unknown);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint);
        await watcher.Look(TestContext.Current.CancellationToken);
        await zun.Sent<ReportInventory>(r => r.Host == ConductorHarness.WorkerHost);
        await zun.Publish(new ContainerObserved
        {
            ContainerId = containerId, Host = ConductorHarness.WorkerHost, Event = "sync", Status = ContainerStatus.Running, ObservedAt = DateTimeOffset.UtcNow,
        });

        var back = await zun.Published<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Running && e.PreviousStatus == ContainerStatus.Unknown);
        Assert.NotNull(back);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        Assert.IsType<OperationCompleted>(await zun.Execute(stop, stop.OperationId));
    }

    [Fact]
    public async Task A_host_that_holds_claims_and_is_never_heard_after_a_restart_counts_as_silent_since_the_start()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        await zun.Claims.TryClaimAsync("gone-host", new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 512 },
            new ClaimableResources(4, 4096), TestContext.Current.CancellationToken);
        var watcher = WatcherOf(zun);

        zun.Clock.Advance(TimeSpan.FromSeconds(HostDownSeconds + 1));
        await watcher.Look(TestContext.Current.CancellationToken);

        var down = await zun.Published<HostWentDown>(d => d.Host == "gone-host");
        Assert.Null(down.LastSeen);
    }

    private static HostDownWatcher WatcherOf(ConductorHarness zun) => new(
        zun.Services.GetRequiredService<IWorkerDirectory>(), zun.Claims, zun.Harness.Bus,
        Microsoft.Extensions.Options.Options.Create(new ConductorOptions { HostDownSeconds = HostDownSeconds, WorkerLivenessSeconds = ConductorHarness.WorkerLivenessSeconds }),
        zun.Clock, NullLogger<HostDownWatcher>.Instance);
}
