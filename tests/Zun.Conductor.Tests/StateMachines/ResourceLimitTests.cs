using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>
/// Cpu and memory are held to what the hosts can give before anything reaches one: cpu to the cores the hosts' heartbeats
/// report (the fake worker's host has 2), memory to <c>Zun:Limits:MaxMemoryMb</c>.
/// </summary>
public sealed class ResourceLimitTests
{
    private const string BigHost = "big-host";

    [Fact]
    public async Task A_create_asking_for_more_cores_than_the_largest_live_host_has_is_rejected_naming_cpu()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate() with { Cpu = 3 };

        var outcome = await zun.Execute(create, create.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains($"cpu must be at most 2 (the cores of the largest live host, {ConductorHarness.WorkerHost}), got 3", rejected.Reason,
            StringComparison.Ordinal);
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task A_create_pinned_to_a_host_is_held_to_that_hosts_cores_though_a_larger_host_is_live()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await zun.Heartbeat(BigHost, $"zun-worker-{BigHost}", cpus: 8);
        var create = ConductorHarness.NewCreate(host: ConductorHarness.WorkerHost) with { Cpu = 4 };

        var outcome = await zun.Execute(create, create.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains($"cpu must be at most 2 (the cores of host {ConductorHarness.WorkerHost}), got 4", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_asking_for_more_cores_than_the_least_loaded_host_has_goes_to_a_host_that_has_them()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await zun.Heartbeat(BigHost, $"zun-worker-{BigHost}", cpus: 8, containers: 80);
        var create = ConductorHarness.NewCreate() with { Cpu = 3 };

        await zun.Publish(create);

        var dispatched = await zun.Published<OperationDispatched>(e => e.OperationId == create.OperationId);
        Assert.Equal(BigHost, dispatched.Host);
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task With_no_live_host_a_create_asking_for_many_cores_is_accepted_and_waits_for_a_worker()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var create = ConductorHarness.NewCreate() with { Cpu = 12 };

        await zun.Publish(create);

        await zun.Published<OperationAccepted>(e => e.OperationId == create.OperationId);
        Assert.Empty(zun.PublishedSoFar<OperationRejected>(e => e.OperationId == create.OperationId));
    }

    [Fact]
    public async Task An_update_asking_for_more_cores_than_the_containers_host_has_is_rejected_and_reaches_no_host()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var update = new UpdateContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Cpu = 2.5 };

        var outcome = await zun.Execute(update, update.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains($"cpu must be at most 2 (the cores of host {ConductorHarness.WorkerHost}), got 2.5", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(zun.Worker.Received, a => a.Action == ContainerAction.Update);
    }

    [Fact]
    public async Task Memory_over_the_configured_maximum_is_rejected_naming_the_setting()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zun:Limits:MaxMemoryMb"] = "512" });
        var create = ConductorHarness.NewCreate() with { MemoryMb = 513 };

        var outcome = await zun.Execute(create, create.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("memoryMb must be at most 512 (MiB, Zun:Limits:MaxMemoryMb), got 513", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task Cpu_and_memory_outside_the_Zun_Limits_bounds_are_rejected_naming_the_setting()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zun:Limits:MinMemoryMb"] = "32" });
        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint, cpus: 64);

        async Task<string> Rejection(CreateContainer create) =>
            Assert.IsType<OperationRejected>(await zun.Execute(create, create.OperationId)).Reason;

        Assert.Equal("cpu must be at least 0.1 (cores, Zun:Limits:MinCpu), got 0.05", await Rejection(ConductorHarness.NewCreate() with { Cpu = 0.05 }));
        Assert.Equal("cpu must be at most 16 (cores, Zun:Limits:MaxCpu), got 17", await Rejection(ConductorHarness.NewCreate() with { Cpu = 17 }));
        Assert.Equal("memoryMb must be at least 32 (MiB, Zun:Limits:MinMemoryMb), got 16", await Rejection(ConductorHarness.NewCreate() with { MemoryMb = 16 }));
        var atBounds = ConductorHarness.NewCreate() with { Cpu = 16, MemoryMb = 32 };
        Assert.IsType<OperationCompleted>(await zun.Execute(atBounds, atBounds.OperationId));
    }
}
