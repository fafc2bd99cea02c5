using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>Operations on one container, each against a fresh conductor and a fake worker on "test-host".</summary>
public sealed class ContainerStateMachineTests
{
    [Fact]
    public async Task Create_with_run_is_accepted_dispatched_and_completes_with_the_container_Running()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate(run: true);

        var outcome = await zun.Execute(create, create.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Running, completed.Status);
        Assert.Equal(ConductorHarness.WorkerHost, completed.Host);
        var accepted = await zun.Published<OperationAccepted>(e => e.OperationId == create.OperationId);
        Assert.Equal(ContainerAction.Create, accepted.Action);
        var dispatched = await zun.Published<OperationDispatched>(e => e.OperationId == create.OperationId);
        Assert.Equal(ConductorHarness.WorkerHost, dispatched.Host);
        var changes = zun.PublishedSoFar<ContainerStatusChanged>(e => e.ContainerId == create.ContainerId);
        Assert.Equal([ContainerStatus.Creating, ContainerStatus.Running], changes.Select(e => e.Status));
        Assert.Equal(TaskState.ContainerCreating, changes[0].TaskState);
        Assert.Null(changes[1].TaskState);
        var container = await zun.ContainerIn(create.ContainerId, m => m.Idle);
        Assert.Equal(ContainerStatus.Running, container.Status);
        Assert.Null(container.TaskState);
    }

    [Fact]
    public async Task Create_without_run_leaves_the_container_Created()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate(run: false);

        var outcome = await zun.Execute(create, create.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Created, completed.Status);
        var container = await zun.ContainerIn(create.ContainerId, m => m.Idle);
        Assert.Equal(ContainerStatus.Created, container.Status);
    }

    [Fact]
    public async Task Create_sends_the_worker_the_container_spec_and_the_run_flag()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate(run: true) with { MemoryMb = 64, Cpu = 0.5, Name = "web-1" };

        await zun.Execute(create, create.OperationId);

        var action = Assert.Single(zun.Worker.Received);
        Assert.Equal(ContainerAction.Create, action.Action);
        Assert.Equal(create.ContainerId, action.ContainerId);
        Assert.True(action.Run);
        Assert.Equal(ConductorHarness.WorkerHost, action.Host);
        Assert.NotNull(action.Spec);
        Assert.Equal(("busybox:latest", 64, 0.5, "web-1"), (action.Spec.Image, action.Spec.MemoryMb, action.Spec.Cpu, action.Spec.Name));
    }

    [Fact]
    public async Task Start_on_a_running_container_is_rejected_naming_start_and_Running()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await zun.Execute(start, start.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Equal(ContainerAction.Start, rejected.Action);
        Assert.Contains("start", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Running", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(zun.Worker.Received, a => a.Action == ContainerAction.Start);
    }

    [Fact]
    public async Task Start_on_a_stopped_container_runs_it_again()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.StoppedContainer();
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await zun.Execute(start, start.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Running, completed.Status);
    }

    [Fact]
    public async Task Kill_on_a_running_container_stops_it_with_exit_code_137()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await zun.Execute(kill, kill.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Stopped, completed.Status);
        Assert.Equal(137, completed.ExitCode);
        Assert.Equal("SIGKILL", zun.Worker.Received.Single(a => a.Action == ContainerAction.Kill).Signal);
        var container = await zun.ContainerIn(containerId, m => m.Idle);
        Assert.Equal((ContainerStatus.Stopped, (int?)137), (container.Status, container.ExitCode));
    }

    [Fact]
    public async Task Delete_of_a_stopped_container_marks_it_Deleted()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.StoppedContainer();
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await zun.Execute(delete, delete.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Deleted, completed.Status);
        var deleting = await zun.Published<ContainerStatusChanged>(e => e.OperationId == delete.OperationId && e.TaskState == TaskState.ContainerDeleting);
        Assert.Equal(ContainerStatus.Deleting, deleting.Status);
        var container = await zun.ContainerIn(containerId, m => m.Idle);
        Assert.Equal(ContainerStatus.Deleted, container.Status);
    }

    [Fact]
    public async Task Delete_of_a_running_container_without_force_or_stop_is_rejected()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await zun.Execute(delete, delete.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("delete", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Running", rejected.Reason, StringComparison.Ordinal);
        var container = await zun.ContainerIn(containerId, m => m.Idle);
        Assert.Equal(ContainerStatus.Running, container.Status);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Delete_of_a_running_container_with_stop_or_force_deletes_it(bool stop, bool force)
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Stop = stop, Force = force };

        var outcome = await zun.Execute(delete, delete.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Deleted, completed.Status);
        var sent = zun.Worker.Received.Single(a => a.Action == ContainerAction.Delete);
        Assert.Equal((stop, force), (sent.Stop, sent.Force));
    }

    [Fact]
    public async Task Create_with_an_empty_image_is_rejected_naming_image_and_leaves_nothing_behind()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate() with { Image = "" };

        var outcome = await zun.Execute(create, create.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Equal(create.ContainerId, rejected.ContainerId);
        Assert.Contains("image", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(zun.SentSoFar<PerformContainerAction>(a => a.ContainerId == create.ContainerId));
        Assert.Empty(zun.PublishedSoFar<OperationAccepted>(e => e.OperationId == create.OperationId));
        Assert.Null(await zun.Containers.NotExists(create.ContainerId));
    }

    [Fact]
    public async Task A_command_for_an_unknown_container_is_rejected_as_not_found()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };

        var outcome = await zun.Execute(stop, stop.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Equal(stop.ContainerId, rejected.ContainerId);
        Assert.Contains("not found", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_redelivered_while_it_is_in_flight_is_accepted_and_carried_out_once()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        var create = ConductorHarness.NewCreate();
        await zun.Publish(create);
        await zun.PublishAndWaitFor(create, ConductorHarness.ConductorEndpoint);

        zun.Worker.Release(ContainerAction.Create);

        Assert.IsType<OperationCompleted>(await zun.Outcome(create.OperationId));
        Assert.Single(zun.PublishedSoFar<OperationAccepted>(e => e.OperationId == create.OperationId));
        Assert.Empty(zun.PublishedSoFar<OperationRejected>(e => e.OperationId == create.OperationId));
        Assert.Single(zun.Worker.Received, a => a.OperationId == create.OperationId);
    }

    [Fact]
    public async Task A_create_redelivered_after_it_completed_changes_nothing()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));

        await zun.PublishAndWaitFor(create, ConductorHarness.ConductorEndpoint);

        Assert.Single(zun.PublishedSoFar<OperationAccepted>(e => e.OperationId == create.OperationId));
        Assert.Single(zun.PublishedSoFar<OperationCompleted>(e => e.OperationId == create.OperationId));
        Assert.Empty(zun.PublishedSoFar<OperationRejected>(e => e.OperationId == create.OperationId));
        Assert.Single(zun.Worker.Received);
    }

    [Fact]
    public async Task A_kill_redelivered_while_it_waits_behind_the_create_is_applied_once()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        var create = ConductorHarness.NewCreate();
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        await zun.Publish(create);
        await zun.Publish(kill);
        await zun.PublishAndWaitFor(kill, ConductorHarness.ConductorEndpoint);

        zun.Worker.Release(ContainerAction.Create);

        Assert.IsType<OperationCompleted>(await zun.Outcome(kill.OperationId));
        Assert.Single(zun.PublishedSoFar<OperationAccepted>(e => e.OperationId == kill.OperationId));
        Assert.Equal([ContainerAction.Create, ContainerAction.Kill], zun.Worker.Received.Select(a => a.Action));
    }

    [Fact]
    public async Task A_redelivered_worker_outcome_of_a_finished_operation_changes_nothing()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.StoppedContainer();
        var stop = zun.Worker.Received.Single(a => a.Action == ContainerAction.Stop);
        var late = new ContainerActionFailed
        {
            OperationId = stop.OperationId,
            ContainerId = containerId,
            Action = ContainerAction.Stop,
            Host = ConductorHarness.WorkerHost,
            Reason = "late duplicate",
        };

        await zun.PublishAndWaitFor(late, ConductorHarness.ConductorEndpoint);

        Assert.Empty(zun.PublishedSoFar<OperationFailed>(e => e.ContainerId == containerId));
        var container = await zun.ContainerIn(containerId, m => m.Idle);
        Assert.Equal(ContainerStatus.Stopped, container.Status);
    }

    [Fact]
    public async Task A_second_create_for_an_existing_container_is_rejected_as_already_existing()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var again = ConductorHarness.NewCreate() with { ContainerId = containerId };

        var outcome = await zun.Execute(again, again.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Equal(ContainerAction.Create, rejected.Action);
        Assert.Contains("already exists", rejected.Reason, StringComparison.Ordinal);
        Assert.Single(zun.Worker.Received, a => a.Action == ContainerAction.Create);
    }

    [Fact]
    public async Task A_failed_action_leaves_the_container_in_Error_with_the_reason()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.FailNext(ContainerAction.Create, "image 'busybox:latest' could not be pulled");
        var create = ConductorHarness.NewCreate();

        var outcome = await zun.Execute(create, create.OperationId);

        var failed = Assert.IsType<OperationFailed>(outcome);
        Assert.Equal("image 'busybox:latest' could not be pulled", failed.Reason);
        Assert.Equal(ContainerStatus.Error, failed.Status);
        var container = await zun.ContainerIn(create.ContainerId, m => m.Idle);
        Assert.Equal((ContainerStatus.Error, "image 'busybox:latest' could not be pulled"), (container.Status, container.StatusReason));
    }

    [Fact]
    public async Task A_command_on_a_deleted_container_is_rejected_naming_Deleted()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.StoppedContainer();
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        Assert.IsType<OperationCompleted>(await zun.Execute(delete, delete.OperationId));
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await zun.Execute(start, start.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("start", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Deleted", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kill_with_an_unknown_signal_is_rejected_naming_signal_and_not_sent()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Signal = "SIGFOO" };

        var outcome = await zun.Execute(kill, kill.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("signal", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(zun.Worker.Received, a => a.Action == ContainerAction.Kill);
    }

    [Fact]
    public async Task A_kill_sends_the_worker_the_signal_in_its_canonical_form()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Signal = "term" };

        await zun.Execute(kill, kill.OperationId);

        Assert.Equal("SIGTERM", zun.Worker.Received.Single(a => a.Action == ContainerAction.Kill).Signal);
    }

    [Fact]
    public async Task A_stop_sends_the_worker_its_timeout()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, TimeoutSeconds = 3 };

        var outcome = await zun.Execute(stop, stop.OperationId);

        Assert.Equal(ContainerStatus.Stopped, Assert.IsType<OperationCompleted>(outcome).Status);
        Assert.Equal(3, zun.Worker.Received.Single(a => a.Action == ContainerAction.Stop).TimeoutSeconds);
    }
}
