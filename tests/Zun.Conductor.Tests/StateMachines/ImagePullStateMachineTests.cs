using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>Image pulls go to a worker and end with the worker's answer.</summary>
public sealed class ImagePullStateMachineTests
{
    private static PullImage NewPull(string image = "busybox:latest") =>
        new() { OperationId = Guid.NewGuid(), Image = image, ProjectId = "project-a", UserId = "user-a" };

    [Fact]
    public async Task A_pull_is_sent_to_the_endpoint_of_a_live_worker()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var pull = NewPull();

        await zun.Publish(pull);

        var sent = await zun.Sent<PullImageOnHost>(m => m.OperationId == pull.OperationId);
        Assert.Equal(("busybox:latest", ConductorHarness.WorkerHost), (sent.Context.Message.Image, sent.Context.Message.Host));
        Assert.EndsWith("/" + ConductorHarness.WorkerEndpoint, sent.Context.DestinationAddress?.AbsolutePath, StringComparison.Ordinal);
        var accepted = await zun.Published<OperationAccepted>(e => e.OperationId == pull.OperationId);
        Assert.Equal(ContainerAction.PullImage, accepted.Action);
    }

    [Fact]
    public async Task An_image_pulled_by_the_worker_completes_the_operation()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var pull = NewPull();

        var outcome = await zun.Execute(pull, pull.OperationId);

        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal((ContainerAction.PullImage, ConductorHarness.WorkerHost), (completed.Action, completed.Host));
        Assert.NotNull(await zun.ImagePulls.Exists(pull.OperationId, m => m.Succeeded));
        Assert.NotNull(zun.ImagePulls.Sagas.Contains(pull.OperationId)?.FinishedAt);
    }

    [Fact]
    public async Task An_image_pull_that_fails_on_the_worker_fails_the_operation_with_the_reason()
    {
        await using var zun = await ConductorHarness.StartAsync();
        zun.Worker.FailNext(ContainerAction.PullImage, "manifest for busybox:nope not found");
        var pull = NewPull("busybox:nope");

        var outcome = await zun.Execute(pull, pull.OperationId);

        var failed = Assert.IsType<OperationFailed>(outcome);
        Assert.Equal(ContainerAction.PullImage, failed.Action);
        Assert.Equal("manifest for busybox:nope not found", failed.Reason);
        Assert.NotNull(await zun.ImagePulls.Exists(pull.OperationId, m => m.Failed));
        Assert.NotNull(zun.ImagePulls.Sagas.Contains(pull.OperationId)?.FinishedAt);
    }

    [Fact]
    public async Task A_pull_without_an_image_is_rejected_naming_image()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var pull = NewPull(image: "");

        var outcome = await zun.Execute(pull, pull.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Equal(ContainerAction.PullImage, rejected.Action);
        Assert.Contains("image", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(zun.SentSoFar<PullImageOnHost>(m => m.OperationId == pull.OperationId));
        Assert.Null(await zun.ImagePulls.NotExists(pull.OperationId));
    }

    [Fact]
    public async Task A_pull_waits_for_a_worker_and_is_sent_when_one_beats()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var pull = await WaitingPull(zun);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint);

        var completed = Assert.IsType<OperationCompleted>(await zun.Outcome(pull.OperationId));
        Assert.Equal(ConductorHarness.WorkerHost, completed.Host);
    }

    [Fact]
    public async Task A_waiting_pull_is_not_sent_to_a_worker_that_cannot_reach_its_engine()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        var pull = await WaitingPull(zun);

        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint, engineReachable: false);

        Assert.NotNull(await zun.ImagePulls.Exists(pull.OperationId, m => m.Placing));
        Assert.Empty(zun.SentSoFar<PullImageOnHost>(p => p.OperationId == pull.OperationId));
    }

    /// <summary>Publishes a pull while no worker takes it and returns once it waits in Placing.</summary>
    private static async Task<PullImage> WaitingPull(ConductorHarness zun)
    {
        var pull = NewPull();
        await zun.Publish(pull);
        Assert.NotNull(await zun.ImagePulls.Exists(pull.OperationId, m => m.Placing));
        return pull;
    }
}
