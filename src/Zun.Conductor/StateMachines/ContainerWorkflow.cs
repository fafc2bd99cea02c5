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
/// or sent here goes out only after the saga is saved: the work for the host first (HostWork), then the rest
/// through the outbox, both inside the container's partition.
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

        var projected = saga.ProjectedStatus();
        var reason = invalidInput ?? ContainerActionRules.Check(operation, projected);
        if (reason is not null && invalidInput is null && projected != saga.Status)
            reason += $" (the status it will have once the operations ahead of it are done; it is {saga.Status} now)";
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

        await HostWork.Send(context, new Uri($"exchange:{saga.HostEndpoint}"), new PerformContainerAction
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

    /// <summary>An operation that changes only Zun's record completes at once, without a host.</summary>
    private async Task ApplyInConductor(BehaviorContext<TrackedContainer> context, ContainerOperation operation)
    {
        var saga = context.Saga;
        ApplyToSpec(saga, operation);
        saga.UpdatedAt = clock.GetUtcNow();
        Finish(saga, operation, OperationState.Completed, reason: null, keepActive: true);
        await events.Completed(context, saga, operation);
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } known && known > candidate ? known : candidate;

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
