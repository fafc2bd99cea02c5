using MassTransit;
using Zun.Conductor.Placement;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>The conductor answers questions about containers and operations from its records.</summary>
public sealed class QueryTests
{
    [Fact]
    public async Task A_container_query_for_a_known_container_answers_with_its_status_host_and_operations()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();

        var response = await zun.GetContainer(containerId);

        Assert.True(response.Is(out Response<ContainerInfo>? info));
        Assert.Equal(containerId, info.Message.ContainerId);
        Assert.Equal(ContainerStatus.Running, info.Message.Status);
        Assert.Equal(ConductorHarness.WorkerHost, info.Message.Host);
        Assert.Equal("busybox:latest", info.Message.Image);
        Assert.Null(info.Message.TaskState);
        var create = Assert.Single(info.Message.RecentOperations);
        Assert.Equal((ContainerAction.Create, OperationState.Completed), (create.Action, create.State));
    }

    [Fact]
    public async Task A_list_leaves_each_containers_operations_out_which_a_container_query_has()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();

        var listed = Assert.Single(await zun.ListContainers(new ListContainers()), c => c.ContainerId == containerId);

        Assert.Equal(ContainerStatus.Running, listed.Status);
        Assert.Empty(listed.RecentOperations);
        Assert.True((await zun.GetContainer(containerId)).Is(out Response<ContainerInfo>? info));
        Assert.Single(info.Message.RecentOperations);
    }

    [Fact]
    public async Task A_container_query_for_an_unknown_container_answers_ContainerNotFound()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = Guid.NewGuid();

        var response = await zun.GetContainer(containerId);

        Assert.True(response.Is(out Response<ContainerNotFound>? notFound));
        Assert.Equal(containerId, notFound.Message.ContainerId);
    }

    [Fact]
    public async Task An_operation_query_after_the_operation_completes_answers_Completed()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();
        await zun.Execute(create, create.OperationId);
        // The record is written before the event goes out, so whoever hears the event can ask for it.

        var response = await zun.GetOperation(create.OperationId);

        Assert.True(response.Is(out Response<OperationInfo>? info));
        Assert.Equal(OperationState.Completed, info.Message.State);
        Assert.Equal((ContainerAction.Create, (Guid?)create.ContainerId), (info.Message.Action, info.Message.ContainerId));
        Assert.Equal((ContainerStatus.Running, ConductorHarness.WorkerHost), (info.Message.Status, info.Message.Host));
        Assert.NotNull(info.Message.AcceptedAt);
        Assert.NotNull(info.Message.DispatchedAt);
        Assert.NotNull(info.Message.FinishedAt);
    }

    [Fact]
    public async Task An_operation_query_after_a_rejection_answers_Rejected_with_the_reason()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };
        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(start, start.OperationId));

        var response = await zun.GetOperation(start.OperationId);

        Assert.True(response.Is(out Response<OperationInfo>? info));
        Assert.Equal((OperationState.Rejected, rejected.Reason), (info.Message.State, info.Message.Reason));
    }

    [Fact]
    public async Task An_operation_query_for_an_unknown_operation_answers_OperationNotFound()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var operationId = Guid.NewGuid();

        var response = await zun.GetOperation(operationId);

        Assert.True(response.Is(out Response<OperationNotFound>? notFound));
        Assert.Equal(operationId, notFound.Message.OperationId);
    }

    [Fact]
    public async Task An_operation_query_after_a_failure_answers_Failed_with_the_reason()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.FailNext(ContainerAction.Create, "out of disk");
        var create = ConductorHarness.NewCreate();
        Assert.IsType<OperationFailed>(await zun.Execute(create, create.OperationId));

        var response = await zun.GetOperation(create.OperationId);

        Assert.True(response.Is(out Response<OperationInfo>? info));
        Assert.Equal((OperationState.Failed, "out of disk"), (info.Message.State, info.Message.Reason));
        Assert.Equal(ContainerStatus.Error, info.Message.Status);
    }

    [Fact]
    public async Task A_container_query_while_an_operation_is_in_flight_shows_it_dispatched_with_its_task_state()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        zun.Worker.HoldNext(ContainerAction.Stop);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        await zun.Publish(stop);
        await zun.Published<OperationDispatched>(e => e.OperationId == stop.OperationId);

        var response = await zun.GetContainer(containerId);

        Assert.True(response.Is(out Response<ContainerInfo>? info));
        Assert.Equal((ContainerStatus.Running, (TaskState?)TaskState.ContainerStopping), (info.Message.Status, info.Message.TaskState));
        var pending = Assert.Single(info.Message.RecentOperations, o => o.OperationId == stop.OperationId);
        Assert.Equal(OperationState.Dispatched, pending.State);
    }

    [Fact]
    public async Task A_hosts_query_with_down_hosts_answers_a_host_known_only_by_its_record_as_down_with_its_claims_and_service_state()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await zun.Claims.TryClaimAsync("ghost", new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1.5, MemoryMb = 256 }, new ClaimableResources(8, 4096), TestContext.Current.CancellationToken);
        await zun.Claims.ChangeServiceAsync("ghost", r => (r.Disabled, r.DisabledReason) = (true, "retired"), TestContext.Current.CancellationToken);

        var live = await zun.ListHosts(new ListHosts());
        var known = await zun.ListHosts(new ListHosts { IncludeDown = true });

        Assert.DoesNotContain(live, h => h.Host == "ghost");
        var ghost = Assert.Single(known, h => h.Host == "ghost");
        Assert.Equal((false, 1.5, 256L, true, "retired", default(DateTimeOffset)), (ghost.Up, ghost.CpuUsed, ghost.MemoryUsedMb, ghost.Disabled, ghost.DisabledReason, ghost.LastSeen));
        Assert.Contains(known, h => h.Host == ConductorHarness.WorkerHost && h.Up && h.CpuClaimable == 32);
    }

    [Fact]
    public async Task A_hosts_query_with_down_hosts_answers_a_silent_worker_as_down_with_its_last_heartbeat_and_platform()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var platform = new HostPlatform { Architecture = "aarch64", KernelVersion = "6.1.0-18-arm64", Labels = new() { ["zone"] = "a" } };
        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint, platform);
        var heardAt = zun.Clock.GetUtcNow();
        zun.Clock.Advance(TimeSpan.FromSeconds(ConductorHarness.WorkerLivenessSeconds + 1));

        var live = await zun.ListHosts(new ListHosts());
        var known = await zun.ListHosts(new ListHosts { IncludeDown = true });

        Assert.Empty(live);
        var host = Assert.Single(known);
        Assert.Equal((ConductorHarness.WorkerHost, false, heardAt, 1L), (host.Host, host.Up, host.LastSeen, host.Heartbeats));
        Assert.Equal(("aarch64", "6.1.0-18-arm64", "a"), (host.Platform?.Architecture, host.Platform?.KernelVersion, host.Platform?.Labels["zone"]));
    }
}
