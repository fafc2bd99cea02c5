using MassTransit;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>What Docker reported on the container's host, applied when it is newer than what the record holds.</summary>
public sealed partial class ContainerWorkflow
{
    /// <summary>
    /// Docker reported a change on the container's host (or a periodic inventory disagreed with the record).
    /// While an operation is in flight its outcome will carry the status, so observations wait for it;
    /// anything the host saw before the last outcome or observation applied is stale.
    /// </summary>
    public async Task Observe(BehaviorContext<TrackedContainer, ContainerObserved> context)
    {
        var (saga, observed) = (context.Saga, context.Message);
        if (observed.Host != saga.Host)
            return;

        if (saga.ActiveOperation is not null)
        {
            if (saga.PendingObservation is null || observed.ObservedAt > saga.PendingObservation.ObservedAt)
                saga.PendingObservation = observed;
            return;
        }

        await Apply(context, observed);
    }

    /// <summary>Applies an observation that is newer than anything the host reported before.</summary>
    private async Task Apply(BehaviorContext<TrackedContainer> context, ContainerObserved observed)
    {
        var saga = context.Saga;
        if (saga.Status == ContainerStatus.Deleted)
            return;
        if (saga.LastHostEventAt is { } last && observed.ObservedAt <= last)
        {
            // Applied before the conductor died, perhaps before its status event went out.
            if (observed.ObservedAt == last && context.ReceiveContext.Redelivered)
                await events.StatusChanged(context, saga, previous: null, operationId: null);
            return;
        }

        saga.LastHostEventAt = observed.ObservedAt;
        var (status, reason) = observed.Vanished
            ? observed.AutoRemove || saga.Spec.AutoRemove
                ? (ContainerStatus.Deleted, "removed automatically when it exited")
                : (ContainerStatus.Error, "No such container")
            : (observed.Status ?? ContainerStatus.Unknown, observed.StatusReason);
        var exitCode = observed.Vanished ? saga.ExitCode : observed.ExitCode;
        if (status == saga.Status && exitCode == saga.ExitCode && reason == saga.StatusReason)
            return;

        LogObserved(logger, saga.CorrelationId, observed.Event, saga.Status, status, reason ?? "");
        var previous = saga.Status;
        saga.Status = status;
        saga.ExitCode = exitCode;
        saga.StatusReason = reason;
        await PublishStatusChanged(context, previous, operationId: null, taskState: null);
    }

    /// <summary>After an operation ends: what the host saw while it was in flight, if it saw it later than the outcome.</summary>
    private async Task ApplyPendingObservation(BehaviorContext<TrackedContainer> context)
    {
        if (context.Saga.PendingObservation is not { } pending)
            return;

        context.Saga.PendingObservation = null;
        await Apply(context, pending);
    }
}
