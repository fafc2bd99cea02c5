using MassTransit;
using Zun.Contracts;

namespace Zun.Conductor.StateMachines;

/// <summary>Replaying what a redelivered message produced, when the record already holds its changes.</summary>
public sealed partial class ContainerWorkflow
{
    /// <summary>
    /// RabbitMQ redelivered a message whose changes this record already holds: the conductor died after
    /// saving them and before the messages they produce (published after the save) had all gone out; or the
    /// endpoint's retry runs it again because sending them failed after the save. Those
    /// messages are produced again from the record: the operation's outcome if it has ended, its acceptance
    /// if it waits, the work of whatever operation is in flight now (the worker carries out work
    /// idempotently), and the container's current status. Subscribers may see an event twice; none is lost.
    /// </summary>
    private async Task ReplayIfRedelivered(BehaviorContext<TrackedContainer> context, Guid operationId)
    {
        if (!context.ReceiveContext.Redelivered && !SavedDelivery.WasSaved(context))
            return;

        var saga = context.Saga;
        LogReplay(logger, operationId, saga.CorrelationId);
        if (saga.RecentOperations.LastOrDefault(o => o.OperationId == operationId) is { } finished)
            await RepublishOutcome(context, finished);
        else if (saga.ActiveOperation?.OperationId == operationId)
            await events.Accepted(context, saga, saga.ActiveOperation);
        else if (saga.QueuedOperations.FirstOrDefault(o => o.OperationId == operationId) is { } queued)
            await events.Accepted(context, saga, queued);

        if (saga.ActiveOperation is { DispatchedAt: not null } inFlight && saga.HostEndpoint is not null)
            await Dispatch(context, inFlight);
        await events.StatusChanged(context, saga, previous: null, operationId);
    }

    private Task RepublishOutcome(BehaviorContext<TrackedContainer> context, OperationSummary finished)
    {
        var saga = context.Saga;
        var operation = new ContainerOperation { OperationId = finished.OperationId, Action = finished.Action };
        var reason = finished.Reason ?? "";
        return finished.State switch
        {
            OperationState.Completed => events.Completed(context, saga, operation),
            OperationState.Failed => events.Failed(context, saga, operation, reason),
            OperationState.TimedOut => events.TimedOut(context, saga, operation, reason),
            OperationState.Rejected => events.Rejected(context, saga, operation.OperationId, saga.CorrelationId, operation.Action, reason, saga.ProjectId, saga.UserId),
            _ => Task.CompletedTask,
        };
    }
}
