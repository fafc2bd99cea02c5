using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>
/// Operations on one container run one at a time in the order accepted. The fake worker holds the
/// create, so the commands that follow it arrive while it is still in flight.
/// </summary>
public sealed class ContainerOrderingTests
{
    [Fact]
    public async Task A_kill_sent_while_the_create_is_in_flight_is_accepted_and_applied_after_the_create()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        var create = ConductorHarness.NewCreate(run: true);
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        await zun.Publish(create);
        await zun.Publish(kill);
        await zun.Published<OperationAccepted>(e => e.OperationId == kill.OperationId);

        zun.Worker.Release(ContainerAction.Create);

        var outcome = await zun.Outcome(kill.OperationId);
        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal((ContainerStatus.Stopped, (int?)137), (completed.Status, completed.ExitCode));
        Assert.Equal([ContainerAction.Create, ContainerAction.Kill], zun.Worker.Received.Select(a => a.Action));
        var completions = zun.PublishedSoFar<OperationCompleted>(e => e.ContainerId == create.ContainerId);
        Assert.Equal([create.OperationId, kill.OperationId], completions.Select(e => e.OperationId));
    }

    [Fact]
    public async Task A_start_sent_while_a_create_with_run_is_in_flight_is_rejected_at_once()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        var create = ConductorHarness.NewCreate(run: true);
        await zun.Publish(create);
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };

        var outcome = await zun.Execute(start, start.OperationId);

        // The container will be Running once the create is done, and start is not valid on Running.
        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("start", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Running", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(zun.PublishedSoFar<OperationCompleted>(e => e.OperationId == create.OperationId));
    }

    [Fact]
    public async Task A_stop_sent_while_a_create_with_run_is_in_flight_is_applied_after_the_create()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        var create = ConductorHarness.NewCreate(run: true);
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        await zun.Publish(create);
        await zun.Publish(stop);
        await zun.Published<OperationAccepted>(e => e.OperationId == stop.OperationId);

        zun.Worker.Release(ContainerAction.Create);

        var completed = Assert.IsType<OperationCompleted>(await zun.Outcome(stop.OperationId));
        Assert.Equal(ContainerStatus.Stopped, completed.Status);
        Assert.Equal([ContainerAction.Create, ContainerAction.Stop], zun.Worker.Received.Select(a => a.Action));
        var completions = zun.PublishedSoFar<OperationCompleted>(e => e.ContainerId == create.ContainerId);
        Assert.Equal([create.OperationId, stop.OperationId], completions.Select(e => e.OperationId));
    }

    [Fact]
    public async Task A_kill_queued_behind_a_create_that_fails_is_rejected_when_its_turn_comes()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        zun.Worker.FailNext(ContainerAction.Create, "no such image");
        var create = ConductorHarness.NewCreate(run: true);
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        await zun.Publish(create);
        await zun.Publish(kill);
        await zun.Published<OperationAccepted>(e => e.OperationId == kill.OperationId);

        zun.Worker.Release(ContainerAction.Create);

        // The failed create leaves the container in Error, where kill is not valid.
        var rejected = Assert.IsType<OperationRejected>(await zun.Outcome(kill.OperationId));
        Assert.Contains("kill", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Error", rejected.Reason, StringComparison.Ordinal);
        Assert.IsType<OperationFailed>(await zun.Outcome(create.OperationId));
        Assert.Equal([ContainerAction.Create], zun.Worker.Received.Select(a => a.Action));
    }

    [Fact]
    public async Task A_forced_delete_sent_while_the_create_is_in_flight_deletes_the_container_after_the_create()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        var create = ConductorHarness.NewCreate(run: true);
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, Force = true };
        await zun.Publish(create);
        await zun.Publish(delete);
        await zun.Published<OperationAccepted>(e => e.OperationId == delete.OperationId);

        zun.Worker.Release(ContainerAction.Create);

        var completed = Assert.IsType<OperationCompleted>(await zun.Outcome(delete.OperationId));
        Assert.Equal(ContainerStatus.Deleted, completed.Status);
        Assert.Equal([ContainerAction.Create, ContainerAction.Delete], zun.Worker.Received.Select(a => a.Action));
    }

    [Fact]
    public async Task A_start_sent_while_a_create_without_run_is_in_flight_runs_the_container_after_the_create()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.HoldNext(ContainerAction.Create);
        var create = ConductorHarness.NewCreate(run: false);
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        await zun.Publish(create);
        await zun.Publish(start);
        await zun.Published<OperationAccepted>(e => e.OperationId == start.OperationId);

        zun.Worker.Release(ContainerAction.Create);

        var completed = Assert.IsType<OperationCompleted>(await zun.Outcome(start.OperationId));
        Assert.Equal(ContainerStatus.Running, completed.Status);
        Assert.Equal([ContainerAction.Create, ContainerAction.Start], zun.Worker.Received.Select(a => a.Action));
    }
}
