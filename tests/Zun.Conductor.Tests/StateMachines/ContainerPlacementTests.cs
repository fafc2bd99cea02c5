using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>New containers go to a live worker, the pinned one if the client named a host, and wait for one otherwise.</summary>
public sealed class ContainerPlacementTests
{
    private const string OtherHost = "other";
    private const string OtherEndpoint = "zun-worker-other";

    [Fact]
    public async Task A_create_waits_in_Placing_while_no_worker_has_sent_a_heartbeat()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var create = ConductorHarness.NewCreate();

        await zun.Publish(create);

        var scheduling = await zun.Published<ContainerStatusChanged>(e => e.OperationId == create.OperationId);
        Assert.Equal((ContainerStatus.Creating, TaskState.ContainerScheduling), (scheduling.Status, scheduling.TaskState));
        var container = await zun.ContainerIn(create.ContainerId, m => m.Placing);
        Assert.Equal(TaskState.ContainerScheduling, container.TaskState);
        Assert.Null(container.Host);
        Assert.Empty(zun.SentSoFar<PerformContainerAction>(a => a.ContainerId == create.ContainerId));
        Assert.Empty(zun.PublishedSoFar<OperationDispatched>(e => e.OperationId == create.OperationId));
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task A_waiting_create_is_dispatched_and_completes_once_a_worker_sends_a_heartbeat()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var create = await WaitingCreate(zun);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint);

        var completed = Assert.IsType<OperationCompleted>(await zun.Outcome(create.OperationId));
        Assert.Equal((ContainerStatus.Running, ConductorHarness.WorkerHost), (completed.Status, completed.Host));
        var action = Assert.Single(zun.Worker.Received);
        Assert.Equal((ContainerAction.Create, create.ContainerId), (action.Action, action.ContainerId));
    }

    [Fact]
    public async Task A_create_keeps_waiting_when_the_only_worker_beats_saying_it_cannot_reach_its_engine()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var create = await WaitingCreate(zun);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint, engineReachable: false);

        Assert.Null((await zun.ContainerIn(create.ContainerId, m => m.Placing)).HostEndpoint);
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task Work_sent_to_a_host_carries_the_operation_deadline()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();
        var dispatchedBy = zun.Clock.GetUtcNow();

        await zun.Publish(create);

        var sent = await zun.Sent<PerformContainerAction>(a => a.ContainerId == create.ContainerId);
        Assert.Equal(dispatchedBy + TimeSpan.FromSeconds(300), sent.Context.Message.Deadline);
    }

    [Fact]
    public async Task A_container_query_shows_a_waiting_create_as_container_scheduling()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var create = await WaitingCreate(zun);

        var response = await zun.GetContainer(create.ContainerId);

        Assert.True(response.Is(out MassTransit.Response<ContainerInfo>? info));
        Assert.Equal((ContainerStatus.Creating, (TaskState?)TaskState.ContainerScheduling), (info.Message.Status, info.Message.TaskState));
        var pending = Assert.Single(info.Message.RecentOperations);
        Assert.Equal((create.OperationId, OperationState.Accepted), (pending.OperationId, pending.State));
    }

    [Fact]
    public async Task A_create_pinned_to_a_host_keeps_waiting_when_a_different_host_beats()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var create = await WaitingCreate(zun, host: OtherHost);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint);

        var container = await zun.ContainerIn(create.ContainerId, m => m.Placing);
        Assert.Null(container.HostEndpoint);
        Assert.Empty(zun.SentSoFar<PerformContainerAction>(a => a.ContainerId == create.ContainerId));
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task A_create_pinned_to_a_host_is_dispatched_to_that_host_when_it_beats()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var create = await WaitingCreate(zun, host: OtherHost);
        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint);

        await zun.Heartbeat(OtherHost, OtherEndpoint);

        // Nothing listens on "other"'s endpoint in this harness, so the work is checked where it was sent.
        var sent = Assert.Single(zun.SentSoFar<PerformContainerAction>(a => a.ContainerId == create.ContainerId));
        Assert.Equal(OtherHost, sent.Context.Message.Host);
        Assert.EndsWith("/" + OtherEndpoint, sent.Context.DestinationAddress?.AbsolutePath, StringComparison.Ordinal);
        var dispatched = await zun.Published<OperationDispatched>(e => e.OperationId == create.OperationId);
        Assert.Equal(OtherHost, dispatched.Host);
        var container = await zun.ContainerIn(create.ContainerId, m => m.Busy);
        Assert.Equal((OtherHost, OtherEndpoint), (container.Host, container.HostEndpoint));
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task A_create_pinned_to_a_live_host_is_dispatched_to_it_at_once()
    {
        await using var zun = await ConductorHarness.StartAsync();
        await zun.Heartbeat(OtherHost, OtherEndpoint);
        var create = ConductorHarness.NewCreate(host: OtherHost);

        await zun.Publish(create);

        var dispatched = await zun.Published<OperationDispatched>(e => e.OperationId == create.OperationId);
        Assert.Equal(OtherHost, dispatched.Host);
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task Commands_accepted_while_the_create_waits_for_a_worker_follow_it_to_the_worker_in_order()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var create = ConductorHarness.NewCreate();
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        await zun.Publish(create);
        await zun.Publish(stop);
        await zun.Publish(start);
        await zun.Published<OperationAccepted>(e => e.OperationId == start.OperationId);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint);

        Assert.IsType<OperationCompleted>(await zun.Outcome(start.OperationId));
        Assert.Equal([ContainerAction.Create, ContainerAction.Stop, ContainerAction.Start], zun.Worker.Received.Select(a => a.Action));
        var container = await zun.ContainerIn(create.ContainerId, m => m.Idle);
        Assert.Equal(ContainerStatus.Running, container.Status);
    }

    [Fact]
    public async Task A_create_waits_rather_than_go_to_a_worker_whose_heartbeats_stopped()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Clock.Advance(TimeSpan.FromSeconds(ConductorHarness.WorkerLivenessSeconds + 1));
        var create = ConductorHarness.NewCreate();

        await zun.Publish(create);

        var scheduling = await zun.Published<ContainerStatusChanged>(e => e.OperationId == create.OperationId);
        Assert.Equal(TaskState.ContainerScheduling, scheduling.TaskState);
        await zun.ContainerIn(create.ContainerId, m => m.Placing);
        Assert.Empty(zun.Worker.Received);
    }

    [Fact]
    public async Task Every_create_waiting_for_a_worker_is_dispatched_when_one_beats()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var first = ConductorHarness.NewCreate();
        var second = ConductorHarness.NewCreate(run: false);
        await zun.Publish(first);
        await zun.Publish(second);
        await zun.ContainerIn(first.ContainerId, m => m.Placing);
        await zun.ContainerIn(second.ContainerId, m => m.Placing);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint);

        Assert.Equal(ContainerStatus.Running, Assert.IsType<OperationCompleted>(await zun.Outcome(first.OperationId)).Status);
        Assert.Equal(ContainerStatus.Created, Assert.IsType<OperationCompleted>(await zun.Outcome(second.OperationId)).Status);
    }

    /// <summary>Publishes a create while no worker takes it and returns once it waits in Placing.</summary>
    private static async Task<CreateContainer> WaitingCreate(ConductorHarness zun, string? host = null)
    {
        var create = ConductorHarness.NewCreate(host: host);
        await zun.Publish(create);
        await zun.ContainerIn(create.ContainerId, m => m.Placing);
        return create;
    }
}
