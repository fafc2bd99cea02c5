using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Conductor.Operations;
using Zun.Contracts;

namespace Zun.Conductor.StateMachines.Activities;

/// <summary>
/// Publishes what a saga's decisions raised on this message, in the order raised. Like everything the consume sends,
/// it goes out once the record is saved (the outbox).
/// </summary>
internal sealed partial class PublishRaisedEventsActivity<TInstance>(OperationEventPublisher publisher, ILogger<PublishRaisedEventsActivity<TInstance>> logger) :
    InstanceActivity<TInstance>
    where TInstance : class, SagaStateMachineInstance, IRaisesEvents
{
    protected override string Name => "publish-raised-events";

    protected override async Task Apply(BehaviorContext<TInstance> context)
    {
        foreach (var raised in context.Saga.TakeRaised())
        {
            Log(raised);
            await publisher.Publish(context, raised);
        }
    }

    private void Log(object raised)
    {
        switch (raised)
        {
            case OperationRejected e:
                LogRejected(logger, e.Action, e.OperationId, e.ContainerId, e.Reason);
                break;
            case OperationFailed e:
                LogFailed(logger, e.Action, e.OperationId, e.ContainerId, e.Reason);
                break;
            case OperationTimedOut e:
                LogTimedOut(logger, e.Action, e.OperationId, e.ContainerId, e.Reason);
                break;
            case ContainerStatusChanged { OperationId: null, PreviousStatus: { } previous } e:
                LogObserved(logger, e.ContainerId, previous, e.Status, e.StatusReason ?? "");
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Action} {OperationId} on container {ContainerId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, ContainerAction action, Guid operationId, Guid? containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} {OperationId} on container {ContainerId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, ContainerAction action, Guid operationId, Guid? containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} {OperationId} on container {ContainerId} timed out: {Reason}")]
    private static partial void LogTimedOut(ILogger logger, ContainerAction action, Guid operationId, Guid? containerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId}: its host reported a change; status {Previous} -> {Status} {Reason}")]
    private static partial void LogObserved(ILogger logger, Guid containerId, ContainerStatus previous, ContainerStatus status, string reason);
}
