using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>Behaviour around process start: each test runs a Zun of its own.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_create_published_while_no_worker_runs_is_executed_once_a_worker_starts()
    {
        await using var system = await ZunTestSystem.StartAsync(withWorker: false, cancellationToken: TestContext.Current.CancellationToken);
        var create = ZunTestSystem.NewCreate(["sleep", "300"], run: true);

        await system.Publish(create);
        await system.Events.WaitFor<ContainerStatusChanged>(e =>
            e.ContainerId == create.ContainerId && e.TaskState == TaskState.ContainerScheduling);
        Assert.Empty(system.Events.All<OperationDispatched>(e => e.OperationId == create.OperationId));
        await system.StartWorkerAsync(TestContext.Current.CancellationToken);

        var completed = Assert.IsType<OperationCompleted>(await system.Events.Outcome(create.OperationId));
        Assert.Equal(ContainerStatus.Running, completed.Status);
        Assert.Equal(system.WorkerHost, completed.Host);
        Assert.True((await system.InspectInDocker(create.ContainerId))!.State!.Running);
    }

    [Fact]
    public async Task Nothing_published_right_after_the_conductor_starts_is_lost()
    {
        const int commands = 500;
        await using var system = await ZunTestSystem.StartAsync(withWorker: false, cancellationToken: TestContext.Current.CancellationToken);

        // Commands for containers that do not exist: each must come back rejected, which proves the
        // conductor received it, without waiting on Docker.
        var starts = Enumerable.Range(0, commands)
            .Select(_ => new StartContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() })
            .ToList();
        await Task.WhenAll(starts.Select(system.Publish));

        foreach (var start in starts)
            Assert.IsType<OperationRejected>(await system.Events.Outcome(start.OperationId));
        Assert.Equal(commands, system.Events.All<OperationRejected>().Count);
    }
}
