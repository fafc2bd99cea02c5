using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>An operation that waits for a worker to be placed on has a deadline of its own, and a force delete does not wait behind it.</summary>
public sealed class PlacementDeadlineTests
{
    private const string MissingHost = "no-such-host";

    private static readonly Dictionary<string, string?> OneSecondPlacement = new() { ["Zun:Conductor:PlacementDeadlineSeconds"] = "1" };

    [Fact]
    public async Task A_create_pinned_to_a_host_that_never_beats_times_out_naming_the_host_and_leaves_the_container_in_Error()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: OneSecondPlacement);
        var create = ConductorHarness.NewCreate(host: MissingHost);

        var timedOut = Assert.IsType<OperationTimedOut>(await zun.Execute(create, create.OperationId));

        Assert.Contains($"for host {MissingHost}: no worker named {MissingHost} has sent this conductor a heartbeat", timedOut.Reason, StringComparison.Ordinal);
        var container = await zun.ContainerIn(create.ContainerId, m => m.Idle);
        Assert.Equal((ContainerStatus.Error, timedOut.Reason, (TaskState?)null), (container.Status, container.StatusReason, container.TaskState));
        Assert.Empty(zun.SentSoFar<PerformContainerAction>(a => a.ContainerId == create.ContainerId));
    }

    [Fact]
    public async Task A_create_with_no_live_worker_times_out_saying_none_has_sent_a_heartbeat()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false, settings: OneSecondPlacement);
        var create = ConductorHarness.NewCreate();

        var timedOut = Assert.IsType<OperationTimedOut>(await zun.Execute(create, create.OperationId));

        Assert.Equal("create waited 1 s for a live worker: no worker has sent this conductor a heartbeat", timedOut.Reason);
    }

    [Fact]
    public async Task A_create_placed_while_it_waits_is_not_ended_by_the_deadline_of_the_wait()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false, settings: OneSecondPlacement);
        var create = ConductorHarness.NewCreate();
        await zun.Publish(create);
        await zun.ContainerIn(create.ContainerId, m => m.Placing);
        zun.Worker.HoldNext(ContainerAction.Create);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint);
        await zun.Published<OperationDispatched>(e => e.OperationId == create.OperationId);
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken); // past the wait's deadline, on purpose
        zun.Worker.Release(ContainerAction.Create);

        Assert.IsType<OperationCompleted>(await zun.Outcome(create.OperationId));
        Assert.Empty(zun.PublishedSoFar<OperationTimedOut>(e => e.OperationId == create.OperationId));
    }

    [Fact]
    public async Task A_force_delete_supersedes_a_create_waiting_for_a_host_which_ends_rejected_once()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate(host: MissingHost);
        await zun.Publish(create);
        await zun.ContainerIn(create.ContainerId, m => m.Placing);
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, Force = true, Stop = true };

        Assert.IsType<OperationCompleted>(await zun.Execute(delete, delete.OperationId));

        var rejected = Assert.IsType<OperationRejected>(await zun.Outcome(create.OperationId));
        Assert.Contains($"was deleted (operation {delete.OperationId}) before it was placed on a host", rejected.Reason, StringComparison.Ordinal);
        Assert.Single(TerminalEventsOf(zun, create.OperationId));
        var container = await zun.ContainerIn(create.ContainerId, m => m.Idle);
        Assert.Equal(ContainerStatus.Deleted, container.Status);
        Assert.Empty(zun.SentSoFar<PerformContainerAction>(a => a.ContainerId == create.ContainerId));
    }

    [Fact]
    public async Task A_force_delete_also_ends_the_commands_queued_behind_a_create_waiting_for_a_host()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate(host: MissingHost);
        var pause = new PauseContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        await zun.Publish(create);
        await zun.Publish(pause);
        await zun.Published<OperationAccepted>(e => e.OperationId == pause.OperationId);
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, Force = true };

        Assert.IsType<OperationCompleted>(await zun.Execute(delete, delete.OperationId));

        Assert.IsType<OperationRejected>(await zun.Outcome(pause.OperationId));
        Assert.Single(TerminalEventsOf(zun, pause.OperationId));
    }

    [Fact]
    public async Task A_delete_queued_behind_a_create_that_found_no_host_completes_without_one()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: OneSecondPlacement);
        var create = ConductorHarness.NewCreate(host: MissingHost);
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, Stop = true };
        await zun.Publish(create);
        await zun.Publish(delete);

        Assert.IsType<OperationTimedOut>(await zun.Outcome(create.OperationId));
        Assert.IsType<OperationCompleted>(await zun.Outcome(delete.OperationId));
        Assert.Equal(ContainerStatus.Deleted, (await zun.ContainerIn(create.ContainerId, m => m.Idle)).Status);
    }

    [Fact]
    public async Task A_start_of_a_container_whose_create_found_no_host_is_rejected_as_having_nothing_to_act_on()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: OneSecondPlacement);
        var create = ConductorHarness.NewCreate(host: MissingHost);
        Assert.IsType<OperationTimedOut>(await zun.Execute(create, create.OperationId));
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };

        var rejected = Assert.IsType<OperationRejected>(await zun.Execute(start, start.OperationId));

        Assert.Contains("was never placed on a host", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(zun.PublishedSoFar<OperationAccepted>(e => e.OperationId == start.OperationId));
    }

    [Fact]
    public async Task An_image_pull_pinned_to_a_host_that_never_beats_times_out_naming_the_host()
    {
        await using var zun = await ConductorHarness.StartAsync(settings: OneSecondPlacement);
        var pull = new PullImage { OperationId = Guid.NewGuid(), Image = "busybox:latest", Host = MissingHost };

        var timedOut = Assert.IsType<OperationTimedOut>(await zun.Execute(pull, pull.OperationId));

        Assert.Equal($"pull of busybox:latest waited 1 s for host {MissingHost}: no worker named {MissingHost} has sent this conductor a heartbeat", timedOut.Reason);
        Assert.NotNull(await zun.ImagePulls.Exists(pull.OperationId, m => m.TimedOut));
    }

    private static IReadOnlyList<object> TerminalEventsOf(ConductorHarness zun, Guid operationId) =>
    [
        .. zun.PublishedSoFar<OperationCompleted>(e => e.OperationId == operationId),
        .. zun.PublishedSoFar<OperationFailed>(e => e.OperationId == operationId),
        .. zun.PublishedSoFar<OperationRejected>(e => e.OperationId == operationId),
        .. zun.PublishedSoFar<OperationTimedOut>(e => e.OperationId == operationId),
    ];
}
