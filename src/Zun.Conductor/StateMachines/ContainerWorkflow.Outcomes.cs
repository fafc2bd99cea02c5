using MassTransit;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>Outcomes: a worker completed or failed the operation in flight, or its deadline passed.</summary>
public sealed partial class ContainerWorkflow
{
    public async Task Complete(BehaviorContext<TrackedContainer, ContainerActionCompleted> context)
    {
        var (saga, outcome) = (context.Saga, context.Message);
        if (await OperationEndedBy(context, outcome.OperationId) is not { } operation)
            return;

        await CancelDeadline(context, operation);
        var previous = saga.Status;
        saga.Status = operation.Action == ContainerAction.Delete ? ContainerStatus.Deleted : outcome.Status;
        saga.ExitCode = outcome.ExitCode;
        saga.StatusReason = outcome.StatusReason;
        saga.LastHostEventAt = Later(saga.LastHostEventAt, outcome.Timestamp);
        if (outcome.Ports is { } ports)
            saga.Ports = [.. ports];
        ApplyToSpec(saga, operation);
        Finish(saga, operation, OperationState.Completed, reason: null);

        await PublishStatusChanged(context, previous, operation.OperationId, taskState: null);
        await events.Completed(context, saga, operation);
        await ApplyPendingObservation(context);
        await StartNext(context);
    }

    public async Task Fail(BehaviorContext<TrackedContainer, ContainerActionFailed> context)
    {
        var (saga, outcome) = (context.Saga, context.Message);
        if (await OperationEndedBy(context, outcome.OperationId) is not { } operation)
            return;

        await CancelDeadline(context, operation);
        var previous = saga.Status;

        // As OpenStack Zun does, a failed operation leaves the container in Error with the reason,
        // so that it can be started again or deleted.
        saga.Status = ContainerStatus.Error;
        saga.StatusReason = outcome.Reason;
        saga.ExitCode = outcome.ExitCode ?? saga.ExitCode;
        saga.LastHostEventAt = Later(saga.LastHostEventAt, outcome.Timestamp);
        Finish(saga, operation, OperationState.Failed, outcome.Reason);
        LogFailed(logger, operation.Action, operation.OperationId, saga.CorrelationId, outcome.Reason);

        await PublishStatusChanged(context, previous, operation.OperationId, taskState: null);
        await events.Failed(context, saga, operation, outcome.Reason);
        await ApplyPendingObservation(context);
        await StartNext(context);
    }

    /// <summary>
    /// No outcome arrived within the operation's deadline: the operation ends TimedOut, the container's
    /// status is Unknown, and its host is asked for an inventory so the status can be put right.
    /// </summary>
    public async Task TimeOut(BehaviorContext<TrackedContainer, OperationDeadlineExpired> context)
    {
        var saga = context.Saga;
        if (await OperationEndedBy(context, context.Message.OperationId) is not { } operation)
            return;

        var deadline = options.Value.DeadlineFor(operation.Action, operation.StopTimeoutSeconds);
        var reason = $"{operation.Action.ToString().ToLowerInvariant()} got no outcome from host {saga.Host} within {deadline.TotalSeconds:0} s";
        var previous = saga.Status;
        saga.Status = ContainerStatus.Unknown;
        saga.StatusReason = reason;
        Finish(saga, operation, OperationState.TimedOut, reason);
        LogTimedOut(logger, operation.Action, operation.OperationId, saga.CorrelationId, reason);

        await PublishStatusChanged(context, previous, operation.OperationId, taskState: null);
        await events.TimedOut(context, saga, operation, reason);
        await ApplyPendingObservation(context);
        var host = await context.GetSendEndpoint(new Uri($"exchange:{saga.HostEndpoint}"));
        await host.Send(new ReportInventory { Host = saga.Host!, Reason = $"operation {operation.OperationId} timed out" });
        await StartNext(context);
    }

    /// <summary>
    /// The operation in flight that an outcome or deadline ends, or null when it belongs to another operation: one
    /// already ended, whose events are replayed if this is a redelivery.
    /// </summary>
    private async Task<ContainerOperation?> OperationEndedBy(BehaviorContext<TrackedContainer> context, Guid operationId)
    {
        if (context.Saga.ActiveOperation is { } active && active.OperationId == operationId)
            return active;

        await ReplayIfRedelivered(context, operationId);
        return null;
    }

    private async Task CancelDeadline(BehaviorContext<TrackedContainer> context, ContainerOperation operation)
    {
        if (operation.DeadlineTokenId is { } token)
            await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(ConductorAddress, token, context.CancellationToken);
    }

    /// <summary>Records in the container's spec what a successful operation changed.</summary>
    private static void ApplyToSpec(TrackedContainer saga, ContainerOperation operation) =>
        saga.Spec = operation.Action switch
        {
            ContainerAction.Update => saga.Spec with { Cpu = operation.Cpu ?? saga.Spec.Cpu, MemoryMb = operation.MemoryMb ?? saga.Spec.MemoryMb },
            ContainerAction.Rename => saga.Spec with { Name = operation.Name },
            ContainerAction.Rebuild => saga.Spec with { Image = operation.Image ?? saga.Spec.Image },
            _ => saga.Spec,
        };
}
