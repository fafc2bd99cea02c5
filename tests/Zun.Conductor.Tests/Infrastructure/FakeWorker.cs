using MassTransit;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.Infrastructure;

/// <summary>
/// Stands in for zun-worker on <see cref="ConductorHarness.WorkerHost"/>: answers every action with the
/// outcome Docker would report for it, as the real worker does, by publishing it. These are unit tests
/// of the conductor; the real Docker path is covered by the integration tests.
/// </summary>
public sealed class FakeWorker(FakeWorkerScript script) : IConsumer<PerformContainerAction>, IConsumer<PullImageOnHost>
{
    /// <summary>Docker's exit code for a process ended by SIGKILL (128 + 9).</summary>
    public const int KilledExitCode = 137;

    public async Task Consume(ConsumeContext<PerformContainerAction> context)
    {
        var action = context.Message;
        script.Record(action);
        await script.WaitIfHeld(action.Action, context.CancellationToken);

        if (script.TakeFailure(action.Action) is { } reason)
        {
            await context.Publish(new ContainerActionFailed
            {
                OperationId = action.OperationId,
                ContainerId = action.ContainerId,
                Action = action.Action,
                Host = action.Host,
                Reason = reason,
                Timestamp = DateTimeOffset.UtcNow,
            });
            return;
        }

        var (status, exitCode) = action.Action switch
        {
            ContainerAction.Create when action.Run => (ContainerStatus.Running, (int?)null),
            ContainerAction.Create => (ContainerStatus.Created, null),
            ContainerAction.Start => (ContainerStatus.Running, null),
            ContainerAction.Stop => (ContainerStatus.Stopped, 0),
            ContainerAction.Kill => (ContainerStatus.Stopped, KilledExitCode),
            ContainerAction.Delete => (ContainerStatus.Deleted, null),
            ContainerAction.Restart or ContainerAction.Unpause or ContainerAction.Rebuild => (ContainerStatus.Running, null),
            ContainerAction.Pause => (ContainerStatus.Paused, null),
            ContainerAction.Update or ContainerAction.Commit => (ContainerStatus.Running, null),
            _ => throw new InvalidOperationException($"the fake worker does not know {action.Action}"),
        };
        await context.Publish(new ContainerActionCompleted
        {
            OperationId = action.OperationId,
            ContainerId = action.ContainerId,
            Action = action.Action,
            Host = action.Host,
            Status = status,
            ExitCode = exitCode,
            Timestamp = DateTimeOffset.UtcNow,
        });
    }

    public async Task Consume(ConsumeContext<PullImageOnHost> context)
    {
        var pull = context.Message;
        await script.WaitIfHeld(ContainerAction.PullImage, context.CancellationToken);

        if (script.TakeFailure(ContainerAction.PullImage) is { } reason)
        {
            await context.Publish(new ImagePullFailed
            {
                OperationId = pull.OperationId,
                Image = pull.Image,
                Host = pull.Host,
                Reason = reason,
                Timestamp = DateTimeOffset.UtcNow,
            });
            return;
        }

        await context.Publish(new ImagePulled
        {
            OperationId = pull.OperationId,
            Image = pull.Image,
            Host = pull.Host,
            Timestamp = DateTimeOffset.UtcNow,
        });
    }
}
