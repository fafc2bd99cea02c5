using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// What the container state machine does on each event: accept or reject operations, keep them in
/// order, place new containers, dispatch work to hosts and apply the outcomes. Everything published
/// or sent here goes out only after the saga is saved (the endpoint's outbox).
/// </summary>
public sealed partial class ContainerWorkflow(
    IWorkerDirectory workers,
    ContainerEvents events,
    IOptions<ConductorOptions> options,
    IOptions<PolicyOptions> policy,
    TimeProvider clock,
    ILogger<ContainerWorkflow> logger)
{
    /// <summary>The container machine's own endpoint, where deadlines are delivered.</summary>
    private Uri ConductorAddress => new($"exchange:{options.Value.Endpoint}");

    /// <summary>Null when a create may be accepted; otherwise why not, naming the field.</summary>
    public string? ValidateCreate(CreateContainer command) =>
        CommandValidator.Validate(command)
        ?? (command.Privileged && !policy.Value.AllowPrivileged
            ? $"privileged containers are not allowed here ({PolicyOptions.Section}:AllowPrivileged is false)"
            : null);

    public async Task Create(BehaviorContext<TrackedContainer, CreateContainer> context)
    {
        var (saga, command, now) = (context.Saga, context.Message, clock.GetUtcNow());
        saga.Spec = new ContainerSpec
        {
            Image = command.Image.Trim(),
            Command = command.Command,
            Name = command.Name,
            Environment = command.Environment,
            Labels = command.Labels,
            Cpu = command.Cpu,
            MemoryMb = command.MemoryMb,
            Workdir = command.Workdir,
            Hostname = command.Hostname,
            Entrypoint = command.Entrypoint,
            RestartPolicy = command.RestartPolicy,
            AutoRemove = command.AutoRemove,
            ExposedPorts = command.ExposedPorts,
            ImagePullPolicy = command.ImagePullPolicy?.Trim().ToLowerInvariant() ?? "ifnotpresent",
            Runtime = command.Runtime,
            Interactive = command.Interactive,
            Tty = command.Tty,
            Privileged = command.Privileged,
        };
        saga.RequestedHost = string.IsNullOrWhiteSpace(command.Host) ? null : command.Host.Trim();
        saga.ProjectId = command.ProjectId;
        saga.UserId = command.UserId;
        saga.CreatedAt = now;
        saga.Status = ContainerStatus.Creating;

        var operation = ContainerOperation.From(command);
        operation.AcceptedAt = now;
        await PublishAccepted(context, operation);
        await Begin(context, operation, previousStatus: null);
    }

    /// <summary>A create for a container that already exists: a redelivery is ignored, anything else refused.</summary>
    public async Task CreateExisting(BehaviorContext<TrackedContainer, CreateContainer> context)
    {
        if (context.Saga.Knows(context.Message.OperationId))
        {
            LogDuplicate(logger, context.Message.OperationId, context.Saga.CorrelationId);
            await ReplayIfRedelivered(context, context.Message.OperationId);
            return;
        }

        await Reject(context, ContainerOperation.From(context.Message),
            $"container {context.Saga.CorrelationId} already exists (status {context.Saga.Status})");
    }

    public Task RejectCreate(BehaviorContext<TrackedContainer, CreateContainer> context, string reason) =>
        PublishRejected(context, context.Message.OperationId, context.Message.ContainerId, ContainerAction.Create,
            reason, context.Message.ProjectId, context.Message.UserId);

    /// <summary>
    /// Accepts an operation when its input is valid and the container will be in a status it is valid for
    /// once the operations ahead of it are done; then runs it now or queues it behind them.
    /// </summary>
    public async Task Accept(BehaviorContext<TrackedContainer> context, ContainerOperation operation, string? invalidInput)
    {
        var saga = context.Saga;
        if (saga.Knows(operation.OperationId))
        {
            LogDuplicate(logger, operation.OperationId, saga.CorrelationId);
            await ReplayIfRedelivered(context, operation.OperationId);
            return;
        }

        var reason = invalidInput ?? ContainerActionRules.Check(operation, saga.ProjectedStatus());
        if (reason is not null)
        {
            await Reject(context, operation, reason);
            return;
        }

        operation.AcceptedAt = clock.GetUtcNow();
        await PublishAccepted(context, operation);
        if (saga.ActiveOperation is null)
            await Begin(context, operation, saga.Status);
        else
            saga.QueuedOperations.Add(operation);
    }

    /// <summary>A worker became available while a new container waits for one.</summary>
    public async Task PlaceOnAvailableWorker(BehaviorContext<TrackedContainer, WorkerHeartbeat> context)
    {
        var (saga, heartbeat) = (context.Saga, context.Message);
        if (saga.ActiveOperation is not { } operation || saga.HostEndpoint is not null)
            return;

        var worker = workers.Choose(saga.RequestedHost);
        var (host, endpoint) = worker is not null ? (worker.Host, worker.Endpoint) : (heartbeat.Host, heartbeat.Endpoint);
        if (saga.RequestedHost is not null && saga.RequestedHost != host)
            return;

        saga.Host = host;
        saga.HostEndpoint = endpoint;
        await PublishStatusChanged(context, saga.Status, operation.OperationId, operation.InFlightTaskState);
        await Dispatch(context, operation);
    }

    public async Task Complete(BehaviorContext<TrackedContainer, ContainerActionCompleted> context)
    {
        var (saga, outcome) = (context.Saga, context.Message);
        if (!IsOutcomeOfActive(saga, outcome.OperationId))
        {
            await ReplayIfRedelivered(context, outcome.OperationId);
            return;
        }

        var operation = saga.ActiveOperation!;
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
        if (!IsOutcomeOfActive(saga, outcome.OperationId))
        {
            await ReplayIfRedelivered(context, outcome.OperationId);
            return;
        }

        var operation = saga.ActiveOperation!;
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
        if (!IsOutcomeOfActive(saga, context.Message.OperationId))
        {
            await ReplayIfRedelivered(context, context.Message.OperationId);
            return;
        }

        var operation = saga.ActiveOperation!;
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

    /// <summary>A command for a container Zun has no record of.</summary>
    public Task RejectUnknownContainer(
        ConsumeContext context, Guid operationId, Guid containerId, ContainerAction action, string? invalidInput, string? projectId, string? userId) =>
        PublishRejected(context, operationId, containerId, action, invalidInput ?? $"container {containerId} not found", projectId, userId);

    private async Task Begin(BehaviorContext<TrackedContainer> context, ContainerOperation operation, ContainerStatus? previousStatus)
    {
        var saga = context.Saga;
        if (!operation.RunsOnHost)
        {
            await ApplyInConductor(context, operation);
            await StartNext(context);
            return;
        }

        saga.ActiveOperation = operation;
        saga.Status = operation.InFlightStatus ?? saga.Status;

        if (saga.HostEndpoint is null)
        {
            var worker = workers.Choose(saga.RequestedHost);
            if (worker is null)
            {
                LogAwaitingWorker(logger, saga.CorrelationId, saga.RequestedHost ?? "any host");
                await PublishStatusChanged(context, previousStatus, operation.OperationId, TaskState.ContainerScheduling);
                return;
            }

            saga.Host = worker.Host;
            saga.HostEndpoint = worker.Endpoint;
        }

        await PublishStatusChanged(context, previousStatus, operation.OperationId, operation.InFlightTaskState);
        await Dispatch(context, operation);
    }

    private async Task Dispatch(BehaviorContext<TrackedContainer> context, ContainerOperation operation)
    {
        var saga = context.Saga;
        operation.DispatchedAt = clock.GetUtcNow();

        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{saga.HostEndpoint}"));
        await endpoint.Send(new PerformContainerAction
        {
            OperationId = operation.OperationId,
            ContainerId = saga.CorrelationId,
            Action = operation.Action,
            Host = saga.Host!,
            Spec = operation.Action switch
            {
                ContainerAction.Create => saga.Spec,
                ContainerAction.Rebuild => saga.Spec with { Image = operation.Image ?? saga.Spec.Image },
                _ => null,
            },
            Run = operation.Run,
            TimeoutSeconds = operation.TimeoutSeconds,
            Signal = operation.Signal,
            Force = operation.Force,
            Stop = operation.Stop,
            Cpu = operation.Cpu,
            MemoryMb = operation.MemoryMb,
            Repository = operation.Repository,
            Tag = operation.Tag,
        });
        var deadline = await context.ScheduleSend(
            ConductorAddress,
            options.Value.DeadlineFor(operation.Action, operation.StopTimeoutSeconds),
            new OperationDeadlineExpired { ContainerId = saga.CorrelationId, OperationId = operation.OperationId });
        operation.DeadlineTokenId = deadline.TokenId;

        await events.Dispatched(context, saga, operation);
    }

    /// <summary>Runs the next queued operation that is still valid; the ones that no longer are get rejected.</summary>
    private async Task StartNext(BehaviorContext<TrackedContainer> context)
    {
        var saga = context.Saga;
        while (saga.QueuedOperations.Count > 0)
        {
            var next = saga.QueuedOperations[0];
            saga.QueuedOperations.RemoveAt(0);

            var reason = ContainerActionRules.Check(next, saga.Status);
            if (reason is null)
            {
                await Begin(context, next, saga.Status);
                return;
            }

            Finish(saga, next, OperationState.Rejected, reason, keepActive: true);
            await events.Rejected(context, saga, next.OperationId, saga.CorrelationId, next.Action, reason, saga.ProjectId, next.UserId);
        }
    }

    private Task Reject(BehaviorContext<TrackedContainer> context, ContainerOperation operation, string reason)
    {
        LogRejected(logger, operation.Action, operation.OperationId, context.Saga.CorrelationId, reason);
        Finish(context.Saga, operation, OperationState.Rejected, reason, keepActive: true);
        return events.Rejected(context, context.Saga, operation.OperationId, context.Saga.CorrelationId, operation.Action, reason,
            context.Saga.ProjectId, operation.UserId);
    }

    /// <summary>A refusal before any record of the container exists.</summary>
    private Task PublishRejected(
        ConsumeContext context, Guid operationId, Guid containerId, ContainerAction action, string reason, string? projectId, string? userId)
    {
        LogRejected(logger, action, operationId, containerId, reason);
        return events.Rejected(context, container: null, operationId, containerId, action, reason, projectId, userId);
    }

    private Task PublishAccepted(BehaviorContext<TrackedContainer> context, ContainerOperation operation) =>
        events.Accepted(context, context.Saga, operation);

    private Task PublishStatusChanged(BehaviorContext<TrackedContainer> context, ContainerStatus? previous, Guid? operationId, TaskState? taskState)
    {
        var saga = context.Saga;
        saga.TaskState = taskState;
        saga.UpdatedAt = clock.GetUtcNow();
        return events.StatusChanged(context, saga, previous, operationId);
    }

    /// <summary>
    /// RabbitMQ redelivered a message whose changes this record already holds: the conductor died after
    /// saving them and before the messages they produce (published after the save) had all gone out. Those
    /// messages are produced again from the record: the operation's outcome if it has ended, its acceptance
    /// if it waits, the work of whatever operation is in flight now (the worker carries out work
    /// idempotently), and the container's current status. Subscribers may see an event twice; none is lost.
    /// </summary>
    private async Task ReplayIfRedelivered(BehaviorContext<TrackedContainer> context, Guid operationId)
    {
        if (!context.ReceiveContext.Redelivered)
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

    /// <summary>An operation that changes only Zun's record completes at once, without a host.</summary>
    private async Task ApplyInConductor(BehaviorContext<TrackedContainer> context, ContainerOperation operation)
    {
        var saga = context.Saga;
        ApplyToSpec(saga, operation);
        saga.UpdatedAt = clock.GetUtcNow();
        Finish(saga, operation, OperationState.Completed, reason: null, keepActive: true);
        await events.Completed(context, saga, operation);
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

    private async Task CancelDeadline(BehaviorContext<TrackedContainer> context, ContainerOperation operation)
    {
        if (operation.DeadlineTokenId is { } token)
            await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(ConductorAddress, token, context.CancellationToken);
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } known && known > candidate ? known : candidate;

    private static bool IsOutcomeOfActive(TrackedContainer saga, Guid operationId) =>
        saga.ActiveOperation?.OperationId == operationId;

    private void Finish(TrackedContainer saga, ContainerOperation operation, OperationState state, string? reason, bool keepActive = false)
    {
        if (!keepActive)
            saga.ActiveOperation = null;

        saga.Remember(new OperationSummary
        {
            OperationId = operation.OperationId,
            Action = operation.Action,
            State = state,
            Reason = reason,
            AcceptedAt = operation.AcceptedAt == default ? clock.GetUtcNow() : operation.AcceptedAt,
            FinishedAt = clock.GetUtcNow(),
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Operation {OperationId} on container {ContainerId} was already applied; ignoring the duplicate")]
    private static partial void LogDuplicate(ILogger logger, Guid operationId, Guid containerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Action} {OperationId} on container {ContainerId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, ContainerAction action, Guid operationId, Guid containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} {OperationId} on container {ContainerId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, ContainerAction action, Guid operationId, Guid containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redelivered message of operation {OperationId} on container {ContainerId} was already applied; producing its messages again")]
    private static partial void LogReplay(ILogger logger, Guid operationId, Guid containerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} {OperationId} on container {ContainerId} timed out: {Reason}")]
    private static partial void LogTimedOut(ILogger logger, ContainerAction action, Guid operationId, Guid containerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId}: Docker reported {Event}; status {Previous} -> {Status} {Reason}")]
    private static partial void LogObserved(ILogger logger, Guid containerId, string @event, ContainerStatus previous, ContainerStatus status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} waits for a live worker ({Host})")]
    private static partial void LogAwaitingWorker(ILogger logger, Guid containerId, string host);
}
