using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>
/// A container holds a claim on its host from placement until it is deleted or its create fails, and a create no host
/// can take fails at once with the scheduler's reason (the fake worker's host has 2 cores and 64 GiB unless told otherwise).
/// </summary>
public sealed class ClaimTests
{
    [Fact]
    public async Task A_placed_container_holds_its_claim_and_gives_it_back_when_deleted()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate() with { Cpu = 0.5, MemoryMb = 256 };
        await zun.Execute(create, create.OperationId);

        var claim = Assert.Single(zun.Claims.On(ConductorHarness.WorkerHost));
        Assert.Equal((create.ContainerId, 0.5, 256), (claim.ContainerId, claim.Cpu, claim.MemoryMb));
        Assert.Equal(ConductorHarness.WorkerHost, (await zun.LoadContainer(create.ContainerId))?.Claim?.Host);

        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, Force = true };
        Assert.IsType<OperationCompleted>(await zun.Execute(delete, delete.OperationId));

        Assert.Empty(zun.Claims.On(ConductorHarness.WorkerHost));
        Assert.Null((await zun.LoadContainer(create.ContainerId))?.Claim);
    }

    [Fact]
    public async Task A_create_the_host_fails_gives_its_claim_back()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.FailNext(ContainerAction.Create, "No such image: nothing:latest");
        var create = ConductorHarness.NewCreate();

        Assert.IsType<OperationFailed>(await zun.Execute(create, create.OperationId));

        Assert.Empty(zun.Claims.On(ConductorHarness.WorkerHost));
    }

    [Fact]
    public async Task A_create_no_host_has_room_for_fails_at_once_naming_the_host_and_what_is_short()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint, memoryMb: 1024);
        var create = ConductorHarness.NewCreate() with { MemoryMb = 1000 };

        var failed = Assert.IsType<OperationFailed>(await zun.Execute(create, create.OperationId));

        Assert.Equal($"no valid host: {ConductorHarness.WorkerHost} (memory: 768 of 768 MiB free, 1000 asked)", failed.Reason);
        var container = await zun.LoadContainer(create.ContainerId);
        Assert.Equal((ContainerStatus.Error, failed.Reason), (container?.Status, container?.StatusReason));
        Assert.Empty(zun.Worker.Received);
        Assert.Empty(zun.Claims.On(ConductorHarness.WorkerHost));
    }

    [Fact]
    public async Task A_create_asking_for_a_zone_no_host_is_in_fails_naming_each_hosts_zone()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await zun.Heartbeat("other-host", "zun-worker-other-host", zone: "az2");
        var create = ConductorHarness.NewCreate() with { AvailabilityZone = "az1" };

        var failed = Assert.IsType<OperationFailed>(await zun.Execute(create, create.OperationId));

        Assert.Equal($"no valid host: other-host (availability zone az2 ≠ az1), {ConductorHarness.WorkerHost} (availability zone nova ≠ az1)", failed.Reason);
    }

    [Fact]
    public async Task A_create_hinting_at_a_label_goes_to_the_host_that_has_it()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await zun.Heartbeat("ssd-host", "zun-worker-ssd-host", labels: new() { ["disk"] = "ssd" });
        var create = ConductorHarness.NewCreate() with { Hints = new() { ["label:disk"] = "ssd" } };

        await zun.Publish(create);

        var dispatched = await zun.Published<OperationDispatched>(e => e.OperationId == create.OperationId);
        Assert.Equal("ssd-host", dispatched.Host);
    }
}
