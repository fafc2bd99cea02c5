using MassTransit;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.Operations;

/// <summary>An operation id stands for one command: a resend of it is deduplicated, anything else that carries it is rejected.</summary>
public sealed class OperationIdReuseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_reusing_the_operation_id_of_another_containers_create_is_rejected_naming_that_container()
    {
        await using var zun = await ConductorHarness.StartAsync();

        var (first, second) = await CreateThenReuseItsIdForAnotherContainer(zun);

        var rejected = await zun.Published<OperationRejected>(e => e.OperationId == first.OperationId);
        Assert.Equal(second.ContainerId, rejected.ContainerId);
        Assert.Contains($"already used by create on container {first.ContainerId}", rejected.Reason, StringComparison.Ordinal);
        Assert.Null(await zun.LoadContainer(second.ContainerId));
        Assert.DoesNotContain(zun.Worker.Received, a => a.ContainerId == second.ContainerId);
    }

    [Fact]
    public async Task The_rejection_of_a_reused_id_has_a_message_id_of_its_own_and_leaves_the_first_operations_record_alone()
    {
        await using var zun = await ConductorHarness.StartAsync();

        var (first, second) = await CreateThenReuseItsIdForAnotherContainer(zun);

        await zun.Published<OperationRejected>(e => e.OperationId == first.OperationId);
        var ids = zun.Harness.Published.Select(m => m.MessageObject is OperationCompleted or OperationRejected, Ct).Select(m => m.Context.MessageId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        var response = await zun.GetOperation(first.OperationId);
        Assert.True(response.Is(out Response<OperationInfo>? info));
        Assert.Equal((first.ContainerId, ContainerAction.Create, OperationState.Completed), (info.Message.ContainerId, info.Message.Action, info.Message.State));
    }

    [Fact]
    public async Task A_stop_reusing_its_containers_create_id_is_rejected_and_the_container_keeps_running()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));
        var stop = new StopContainer { OperationId = create.OperationId, ContainerId = create.ContainerId };

        await zun.Publish(stop);

        var rejected = await zun.Published<OperationRejected>(e => e.OperationId == create.OperationId);
        Assert.Equal(ContainerAction.Stop, rejected.Action);
        Assert.Contains($"already used by create on container {create.ContainerId}", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(ContainerStatus.Running, (await zun.ContainerIn(create.ContainerId, m => m.Idle)).Status);
        Assert.DoesNotContain(zun.Worker.Received, a => a.Action == ContainerAction.Stop);
    }

    [Fact]
    public async Task A_command_resent_with_other_fields_is_rejected_saying_so()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Signal = "SIGHUP" };
        Assert.IsType<OperationCompleted>(await zun.Execute(kill, kill.OperationId));

        await zun.Publish(kill with { Signal = "SIGKILL" });

        var rejected = await zun.Published<OperationRejected>(e => e.OperationId == kill.OperationId);
        Assert.Contains($"already used by kill on container {containerId} with other fields", rejected.Reason, StringComparison.Ordinal);
        Assert.Single(zun.Worker.Received, a => a.Action == ContainerAction.Kill);
    }

    [Fact]
    public async Task A_true_resend_is_applied_once_and_not_rejected()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));

        await zun.Publish(create);
        // The same container's next command is handled after the resend: by its outcome the resend has been.
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId };
        Assert.IsType<OperationCompleted>(await zun.Execute(stop, stop.OperationId));

        Assert.Empty(zun.PublishedSoFar<OperationRejected>(e => e.OperationId == create.OperationId));
        Assert.Single(zun.Worker.Received, a => a.Action == ContainerAction.Create);
    }

    [Fact]
    public async Task Of_two_creates_of_different_containers_published_at_once_with_one_id_exactly_one_runs()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var first = ConductorHarness.NewCreate();
        var second = ConductorHarness.NewCreate() with { OperationId = first.OperationId };

        await Task.WhenAll(zun.Publish(first), zun.Publish(second));

        var rejected = await zun.Published<OperationRejected>(e => e.OperationId == first.OperationId);
        var winner = rejected.ContainerId == first.ContainerId ? second : first;
        var completed = await zun.Published<OperationCompleted>(e => e.OperationId == first.OperationId);
        Assert.Equal(winner.ContainerId, completed.ContainerId);
        Assert.Equal([winner.ContainerId], zun.Worker.Received.Where(a => a.Action == ContainerAction.Create).Select(a => a.ContainerId));
    }

    [Fact]
    public async Task An_image_pull_reusing_a_containers_operation_id_is_rejected()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));
        var pull = new PullImage { OperationId = create.OperationId, Image = "busybox:latest", ProjectId = create.ProjectId };

        await zun.Publish(pull);

        var rejected = await zun.Published<OperationRejected>(e => e.OperationId == create.OperationId);
        Assert.Equal(ContainerAction.PullImage, rejected.Action);
        Assert.Empty(zun.SentSoFar<PullImageOnHost>(p => p.OperationId == create.OperationId));
    }

    [Fact]
    public async Task An_id_used_in_another_project_is_refused_without_naming_that_projects_container()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));
        var other = ConductorHarness.NewCreate() with { OperationId = create.OperationId, ProjectId = "project-b" };

        await zun.Publish(other);

        var rejected = await zun.Published<OperationRejected>(e => e.OperationId == create.OperationId);
        Assert.Contains("already used by another operation", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(create.ContainerId.ToString(), rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exec_reusing_its_containers_create_id_is_answered_rejected_and_never_reaches_the_host()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var create = ConductorHarness.NewCreate();
        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));
        var exec = new ExecInContainer { OperationId = create.OperationId, ContainerId = create.ContainerId, Command = ["true"] };

        var response = await zun.Harness.GetRequestClient<ExecInContainer>()
            .GetResponse<ExecResult, RequestRejected, ContainerNotFound>(exec, Ct);

        Assert.True(response.Is(out Response<RequestRejected>? rejected));
        Assert.Contains($"already used by create on container {create.ContainerId}", rejected.Message.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(
            zun.SentSoFar<ExecInContainer>(e => e.OperationId == create.OperationId),
            sent => sent.Context.DestinationAddress?.AbsolutePath.EndsWith(ConductorHarness.WorkerEndpoint, StringComparison.Ordinal) == true);
        Assert.Equal(ContainerAction.Exec, (await zun.Published<OperationRejected>(e => e.OperationId == create.OperationId)).Action);
    }

    /// <summary>A create that completed, then a create of another container published with its operation id.</summary>
    private static async Task<(CreateContainer First, CreateContainer Second)> CreateThenReuseItsIdForAnotherContainer(ConductorHarness zun)
    {
        var first = ConductorHarness.NewCreate();
        Assert.IsType<OperationCompleted>(await zun.Execute(first, first.OperationId));
        var second = ConductorHarness.NewCreate() with { OperationId = first.OperationId };
        await zun.Publish(second);
        return (first, second);
    }
}
