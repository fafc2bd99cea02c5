using MassTransit;
using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>Requests the container's worker answers (exec, logs, top, stats), checked here first.</summary>
public sealed partial class ContainerWorkflow
{
    /// <summary>
    /// A request the container's worker answers (exec, logs, top, stats): checked against the state table
    /// here, then forwarded with its response address so the worker answers the client directly.
    /// </summary>
    public static async Task ForwardToHost<T>(BehaviorContext<TrackedContainer, T> context, string rule, string? invalidInput)
        where T : class
    {
        var saga = context.Saga;
        var reason = invalidInput
            ?? ContainerActionRules.Check(rule, saga.Status)
            ?? (saga.HostEndpoint is null ? $"container {saga.CorrelationId} is not placed on a host yet" : null);
        if (reason is not null)
        {
            await context.RespondAsync(new RequestRejected { ContainerId = saga.CorrelationId, Reason = reason });
            return;
        }

        await context.Forward(new Uri($"exchange:{saga.HostEndpoint}"));
    }

    /// <summary>
    /// An exec is a request the worker answers, and also an operation that notification listeners follow:
    /// accepted (or rejected) here, completed or failed by the worker once the command has run.
    /// </summary>
    public async Task ForwardExec(BehaviorContext<TrackedContainer, ExecInContainer> context)
    {
        var (saga, exec) = (context.Saga, context.Message);
        var operation = new ContainerOperation
        {
            OperationId = exec.OperationId == Guid.Empty ? NewId.NextGuid() : exec.OperationId,
            Action = ContainerAction.Exec,
            UserId = exec.UserId,
            AcceptedAt = clock.GetUtcNow(),
        };
        var reason = CommandValidator.Validate(exec)
            ?? ContainerActionRules.Check("execute", saga.Status)
            ?? (saga.HostEndpoint is null ? $"container {saga.CorrelationId} is not placed on a host yet" : null);
        if (reason is not null)
        {
            await context.RespondAsync(new RequestRejected { ContainerId = saga.CorrelationId, Reason = reason });
            await events.Rejected(context, saga, operation.OperationId, saga.CorrelationId, ContainerAction.Exec, reason, exec.ProjectId ?? saga.ProjectId, exec.UserId);
            return;
        }

        await events.Accepted(context, saga, operation);
        await context.Forward(new Uri($"exchange:{saga.HostEndpoint}"), exec with { OperationId = operation.OperationId });
    }

    /// <summary>The worker ran an exec this conductor accepted (or could not): the exec operation ends.</summary>
    public Task FinishExec(BehaviorContext<TrackedContainer, ExecFinished> context)
    {
        var (saga, finished) = (context.Saga, context.Message);
        var operation = new ContainerOperation { OperationId = finished.OperationId, Action = ContainerAction.Exec };
        return finished.Failure is null
            ? events.Completed(context, saga, operation, finished.ExitCode)
            : events.Failed(context, saga, operation, finished.Failure);
    }
}
