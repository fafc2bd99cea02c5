using Zun.Conductor.StateMachines;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>The rest of the container API: operations that change the record, deadlines, observations and forwarded requests.</summary>
public sealed class ContainerApiTests
{
    [Fact]
    public async Task Pause_then_unpause_moves_the_container_through_Paused_and_back_to_Running()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var pause = new PauseContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        var unpause = new UnpauseContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var paused = Assert.IsType<OperationCompleted>(await zun.Execute(pause, pause.OperationId));
        var resumed = Assert.IsType<OperationCompleted>(await zun.Execute(unpause, unpause.OperationId));

        Assert.Equal(ContainerStatus.Paused, paused.Status);
        Assert.Equal(ContainerStatus.Running, resumed.Status);
    }

    [Fact]
    public async Task Update_records_the_new_limits_once_the_worker_applied_them()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var update = new UpdateContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Cpu = 1.5, MemoryMb = 128 };

        Assert.IsType<OperationCompleted>(await zun.Execute(update, update.OperationId));

        var sent = Assert.Single(zun.Worker.Received, a => a.Action == ContainerAction.Update);
        Assert.Equal((1.5, 128), (sent.Cpu, sent.MemoryMb));
        var container = await zun.ContainerIn(containerId, m => m.Idle);
        Assert.Equal((1.5, 128), (container.Spec.Cpu, container.Spec.MemoryMb));
    }

    [Fact]
    public async Task Rename_completes_in_the_conductor_without_involving_the_worker()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var rename = new RenameContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Name = "web-2" };

        var completed = Assert.IsType<OperationCompleted>(await zun.Execute(rename, rename.OperationId));

        Assert.Equal(ContainerStatus.Running, completed.Status);
        Assert.DoesNotContain(zun.Worker.Received, a => a.Action == ContainerAction.Rename);
        Assert.Equal("web-2", (await zun.ContainerIn(containerId, m => m.Idle)).Spec.Name);
    }

    [Fact]
    public async Task Rebuild_sends_the_spec_with_the_new_image_and_records_it()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var rebuild = new RebuildContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Image = "busybox:1.36" };

        Assert.IsType<OperationCompleted>(await zun.Execute(rebuild, rebuild.OperationId));

        var sent = Assert.Single(zun.Worker.Received, a => a.Action == ContainerAction.Rebuild);
        Assert.Equal("busybox:1.36", sent.Spec?.Image);
        Assert.Contains(zun.PublishedSoFar<ContainerStatusChanged>(e => e.ContainerId == containerId), e => e.Status == ContainerStatus.Rebuilding);
        Assert.Equal("busybox:1.36", (await zun.ContainerIn(containerId, m => m.Idle)).Spec.Image);
    }

    [Fact]
    public async Task An_operation_without_an_outcome_times_out_leaving_the_container_Unknown_and_asks_the_host_for_an_inventory()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Zun:Conductor:DefaultOperationDeadlineSeconds"] = "1",
        });
        var containerId = await zun.RunContainer();
        zun.Worker.HoldNext(ContainerAction.Pause);
        var pause = new PauseContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var outcome = await zun.Execute(pause, pause.OperationId);

        var timedOut = Assert.IsType<OperationTimedOut>(outcome);
        Assert.Contains(ConductorHarness.WorkerHost, timedOut.Reason, StringComparison.Ordinal);
        var container = await zun.ContainerIn(containerId, m => m.Idle);
        Assert.Equal(ContainerStatus.Unknown, container.Status);
        Assert.Equal(timedOut.Reason, container.StatusReason);
        await zun.Sent<ReportInventory>(r => r.Host == ConductorHarness.WorkerHost);
    }

    [Fact]
    public async Task An_outcome_that_arrives_in_time_cancels_the_deadline()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Zun:Conductor:DefaultOperationDeadlineSeconds"] = "1",
        });
        var containerId = await zun.RunContainer();
        var pause = new PauseContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        Assert.IsType<OperationCompleted>(await zun.Execute(pause, pause.OperationId));
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken); // past the deadline, on purpose

        Assert.Empty(zun.PublishedSoFar<OperationTimedOut>(e => e.OperationId == pause.OperationId));
        Assert.Equal(ContainerStatus.Paused, (await zun.ContainerIn(containerId, m => m.Idle)).Status);
    }

    [Fact]
    public async Task A_container_killed_outside_Zun_is_observed_as_Stopped_with_its_exit_code()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();

        await zun.Publish(Observation(containerId, ContainerStatus.Stopped, exitCode: 137));

        var changed = await zun.Published<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Stopped);
        Assert.Equal((ContainerStatus.Running, 137, (Guid?)null), (changed.PreviousStatus, changed.ExitCode, changed.OperationId));
    }

    [Fact]
    public async Task An_OOM_kill_is_observed_with_the_reason()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();

        await zun.Publish(Observation(containerId, ContainerStatus.Stopped, exitCode: 137) with { StatusReason = "OOMKilled", Event = "oom" });

        var changed = await zun.Published<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Stopped);
        Assert.Equal("OOMKilled", changed.StatusReason);
    }

    [Fact]
    public async Task A_container_removed_outside_Zun_becomes_Error_with_No_such_container()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();

        await zun.Publish(Observation(containerId, status: null) with { Vanished = true, Event = "destroy" });

        var changed = await zun.Published<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Error);
        Assert.Equal("No such container", changed.StatusReason);
    }

    [Fact]
    public async Task An_auto_removed_container_that_vanishes_becomes_Deleted()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate() with { AutoRemove = true };
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));

        await zun.Publish(Observation(create.ContainerId, status: null) with { Vanished = true, Event = "destroy" });

        await zun.Published<ContainerStatusChanged>(e => e.ContainerId == create.ContainerId && e.Status == ContainerStatus.Deleted);
    }

    [Fact]
    public async Task An_observation_older_than_the_last_outcome_is_ignored()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var stale = Observation(containerId, ContainerStatus.Stopped, exitCode: 1) with { ObservedAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
        var fresh = Observation(containerId, ContainerStatus.Stopped, exitCode: 3);

        await zun.PublishAndWaitFor(stale, ConductorHarness.ConductorEndpoint);
        await zun.Publish(fresh);

        var changed = await zun.Published<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Stopped);
        Assert.Equal(3, changed.ExitCode);
    }

    [Fact]
    public async Task An_observation_made_while_an_operation_is_in_flight_waits_for_its_outcome()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        zun.Worker.HoldNext(ContainerAction.Stop);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        await zun.Publish(stop);
        await zun.ContainerIn(containerId, m => m.Busy);

        // Seen by the host before the stop's outcome (which the worker reads after the exit): superseded by it.
        await zun.PublishAndWaitFor(
            Observation(containerId, ContainerStatus.Stopped, exitCode: 143) with { ObservedAt = DateTimeOffset.UtcNow.AddSeconds(-1) },
            ConductorHarness.ConductorEndpoint);
        zun.Worker.Release(ContainerAction.Stop);

        Assert.IsType<OperationCompleted>(await zun.Outcome(stop.OperationId));
        var changes = zun.PublishedSoFar<ContainerStatusChanged>(e => e.ContainerId == containerId && e.Status == ContainerStatus.Stopped);
        Assert.Equal(stop.OperationId, Assert.Single(changes).OperationId);
    }

    [Fact]
    public async Task An_exit_the_host_saw_after_the_outcome_of_the_operation_in_flight_is_applied_once_that_outcome_is()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        var create = ConductorHarness.NewCreate(run: true);
        await zun.Publish(create);
        await zun.ContainerIn(create.ContainerId, m => m.Busy);

        // The process exits right after it started; Docker's event overtakes the create's outcome.
        await zun.PublishAndWaitFor(
            Observation(create.ContainerId, ContainerStatus.Stopped, exitCode: 0) with { ObservedAt = DateTimeOffset.UtcNow.AddSeconds(5) },
            ConductorHarness.ConductorEndpoint);
        zun.Worker.Release(ContainerAction.Create);

        Assert.IsType<OperationCompleted>(await zun.Outcome(create.OperationId));
        var stopped = await zun.Published<ContainerStatusChanged>(e => e.ContainerId == create.ContainerId && e.Status == ContainerStatus.Stopped);
        Assert.Equal((ContainerStatus.Running, (Guid?)null), (stopped.PreviousStatus, stopped.OperationId));
    }

    [Fact]
    public async Task Exec_on_a_stopped_container_is_rejected_naming_execute_and_Stopped()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.StoppedContainer();

        var response = await zun.Harness.GetRequestClient<ExecInContainer>()
            .GetResponse<ExecResult, RequestRejected, ContainerNotFound>(
                new ExecInContainer { ContainerId = containerId, Command = ["true"] }, TestContext.Current.CancellationToken);

        Assert.True(response.Is(out MassTransit.Response<RequestRejected>? rejected));
        Assert.Contains("execute", rejected!.Message.Reason, StringComparison.Ordinal);
        Assert.Contains("Stopped", rejected.Message.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_on_a_running_container_is_forwarded_to_its_worker()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var exec = new ExecInContainer { ContainerId = containerId, Command = ["echo", "hi"] };

        await zun.Publish(exec);

        var forwarded = await zun.Sent<ExecInContainer>(e => e.ContainerId == containerId);
        Assert.Contains(ConductorHarness.WorkerEndpoint, forwarded.Context.DestinationAddress?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_of_an_unknown_container_answer_ContainerNotFound()
    {
        await using var zun = await ConductorHarness.StartAsync();

        var response = await zun.Harness.GetRequestClient<GetContainerLogs>()
            .GetResponse<ContainerLogs, RequestRejected, ContainerNotFound>(
                new GetContainerLogs { ContainerId = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        Assert.True(response.Is(out MassTransit.Response<ContainerNotFound>? _));
    }

    [Fact]
    public async Task Privileged_containers_are_refused_unless_the_policy_allows_them()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate() with { Privileged = true };

        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(create, create.OperationId));

        Assert.Contains("AllowPrivileged", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(zun.Worker.Received);
    }

    private static ContainerObserved Observation(Guid containerId, ContainerStatus? status, int? exitCode = null) => new()
    {
        ContainerId = containerId,
        Host = ConductorHarness.WorkerHost,
        Event = "die",
        Status = status,
        ExitCode = exitCode,
        ObservedAt = DateTimeOffset.UtcNow.AddSeconds(1),
    };
}
