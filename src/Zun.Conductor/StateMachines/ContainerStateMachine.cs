using MassTransit;
using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// One instance per container. The machine's states say what the conductor waits for (a host, an
/// outcome, or nothing); the container's Zun status is data on <see cref="TrackedContainer"/>, checked
/// against the state table for every operation.
/// </summary>
public sealed class ContainerStateMachine : MassTransitStateMachine<TrackedContainer>
{
    /// <summary>Name of <see cref="Placing"/>, for the query that finds containers waiting for a worker.</summary>
    public const string PlacingStateName = nameof(Placing);

    /// <summary>
    /// How many times the endpoint's retry runs a command for an unknown container before it is rejected
    /// (with the definition's intervals, about a quarter of a second).
    /// </summary>
    private const int UnknownContainerRetries = 2;

    private readonly ContainerWorkflow _workflow;

    public ContainerStateMachine(ContainerWorkflow workflow)
    {
        _workflow = workflow;
        InstanceState(x => x.CurrentState);

        Event(() => CreateRequested, e => e.CorrelateById(c => c.Message.ContainerId));
        Event(() => StartRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Start, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => StopRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Stop, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => KillRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Kill, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => DeleteRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Delete, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => RestartRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Restart, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => PauseRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Pause, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => UnpauseRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Unpause, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => UpdateRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Update, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => RenameRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Rename, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => CommitRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Commit, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => RebuildRequested, e => CorrelateCommand(e, m => (m.OperationId, m.ContainerId, ContainerAction.Rebuild, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => ActionCompleted, e => CorrelateHostReport(e, m => m.ContainerId));
        Event(() => ActionFailed, e => CorrelateHostReport(e, m => m.ContainerId));
        Event(() => Observed, e => CorrelateHostReport(e, m => m.ContainerId));
        Event(() => DeadlineExpired, e => CorrelateHostReport(e, m => m.ContainerId));
        Event(() => ExecFinished, e => CorrelateHostReport(e, m => m.ContainerId));
        Event(() => WorkerAvailable, e =>
        {
            e.CorrelateBy((saga, context) => saga.CurrentState == PlacingStateName
                && (saga.RequestedHost == null || saga.RequestedHost == context.Message.Host));
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => ContainerQueried, e => CorrelateQuery(e, m => m.ContainerId));
        Event(() => ExecRequested, e => CorrelateQuery(e, m => m.ContainerId));
        Event(() => LogsRequested, e => CorrelateQuery(e, m => m.ContainerId));
        Event(() => TopRequested, e => CorrelateQuery(e, m => m.ContainerId));
        Event(() => StatsRequested, e => CorrelateQuery(e, m => m.ContainerId));

        Initially(
            When(CreateRequested)
                .IfElse(c => workflow.ValidateCreate(c.Message) is null,
                    valid => Settle(valid.ThenAsync(workflow.Create)),
                    invalid => invalid
                        .ThenAsync(c => workflow.RejectCreate(c, workflow.ValidateCreate(c.Message)!))
                        .Finalize()));

        During(Placing, Busy, Idle,
            When(CreateRequested).ThenAsync(workflow.CreateExisting),
            Accept(StartRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(StopRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(KillRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(DeleteRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(RestartRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(PauseRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(UnpauseRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(UpdateRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(RenameRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(CommitRequested, ContainerOperation.From, CommandValidator.Validate),
            Accept(RebuildRequested, ContainerOperation.From, CommandValidator.Validate));

        During(Placing,
            Settle(When(WorkerAvailable).ThenAsync(workflow.PlaceOnAvailableWorker)));

        // Idle too: an outcome RabbitMQ redelivers after the conductor died between applying it and publishing its events
        // finds the container idle (or busy with the next operation), and produces those events again.
        During(Busy, Idle,
            Settle(When(ActionCompleted).ThenAsync(workflow.Complete)),
            Settle(When(ActionFailed).ThenAsync(workflow.Fail)),
            Settle(When(DeadlineExpired).ThenAsync(workflow.TimeOut)));

        DuringAny(
            When(Observed).ThenAsync(workflow.Observe),
            When(ContainerQueried).Respond(c => c.Saga.ToContainerInfo()),
            When(ExecRequested).ThenAsync(workflow.ForwardExec),
            When(ExecFinished).ThenAsync(workflow.FinishExec),
            When(LogsRequested).ThenAsync(c => ContainerWorkflow.ForwardToHost(c, "logs", CommandValidator.Validate(c.Message))),
            When(TopRequested).ThenAsync(c => ContainerWorkflow.ForwardToHost(c, "top", invalidInput: null)),
            When(StatsRequested).ThenAsync(c => ContainerWorkflow.ForwardToHost(c, "stats", invalidInput: null)));

        // Outcomes and deadlines of operations already finished, heartbeats for containers already placed and
        // observations made while an operation is in flight arrive routinely; they change nothing.
        OnUnhandledEvent(c => c.Ignore());
        SetCompletedWhenFinalized();
    }

    /// <summary>A new container waits for a live worker to place it on.</summary>
    public State Placing { get; private set; } = null!;

    /// <summary>An operation is in flight on the container's host.</summary>
    public State Busy { get; private set; } = null!;

    /// <summary>Nothing in flight.</summary>
    public State Idle { get; private set; } = null!;

    public Event<CreateContainer> CreateRequested { get; private set; } = null!;
    public Event<StartContainer> StartRequested { get; private set; } = null!;
    public Event<StopContainer> StopRequested { get; private set; } = null!;
    public Event<KillContainer> KillRequested { get; private set; } = null!;
    public Event<DeleteContainer> DeleteRequested { get; private set; } = null!;
    public Event<RestartContainer> RestartRequested { get; private set; } = null!;
    public Event<PauseContainer> PauseRequested { get; private set; } = null!;
    public Event<UnpauseContainer> UnpauseRequested { get; private set; } = null!;
    public Event<UpdateContainer> UpdateRequested { get; private set; } = null!;
    public Event<RenameContainer> RenameRequested { get; private set; } = null!;
    public Event<CommitContainer> CommitRequested { get; private set; } = null!;
    public Event<RebuildContainer> RebuildRequested { get; private set; } = null!;
    public Event<ContainerActionCompleted> ActionCompleted { get; private set; } = null!;
    public Event<ContainerActionFailed> ActionFailed { get; private set; } = null!;
    public Event<ContainerObserved> Observed { get; private set; } = null!;
    public Event<OperationDeadlineExpired> DeadlineExpired { get; private set; } = null!;
    public Event<WorkerHeartbeat> WorkerAvailable { get; private set; } = null!;
    public Event<GetContainer> ContainerQueried { get; private set; } = null!;
    public Event<ExecInContainer> ExecRequested { get; private set; } = null!;
    public Event<ExecFinished> ExecFinished { get; private set; } = null!;
    public Event<GetContainerLogs> LogsRequested { get; private set; } = null!;
    public Event<GetContainerTop> TopRequested { get; private set; } = null!;
    public Event<GetContainerStats> StatsRequested { get; private set; } = null!;

    /// <summary>An operation command: accepted or rejected, then run now or queued.</summary>
    private EventActivityBinder<TrackedContainer, T> Accept<T>(
        Event<T> requested, Func<T, ContainerOperation> toOperation, Func<T, string?> validate)
        where T : class =>
        Settle(When(requested).ThenAsync(c => _workflow.Accept(c, toOperation(c.Message), validate(c.Message))));

    /// <summary>After every event: the state follows from what the container waits for.</summary>
    private EventActivityBinder<TrackedContainer, T> Settle<T>(EventActivityBinder<TrackedContainer, T> binder)
        where T : class =>
        binder.IfElse(c => c.Saga.ActiveOperation is null,
            idle => idle.TransitionTo(Idle),
            busy => busy.IfElse(c => c.Saga.HostEndpoint is null,
                placing => placing.TransitionTo(Placing),
                dispatched => dispatched.TransitionTo(Busy)));

    private void CorrelateCommand<T>(
        IEventCorrelationConfigurator<TrackedContainer, T> e,
        Func<T, (Guid OperationId, Guid ContainerId, ContainerAction Action, string? InvalidInput, string? ProjectId, string? UserId)> describe)
        where T : class
    {
        e.CorrelateById(c => describe(c.Message).ContainerId);
        e.OnMissingInstance(m => m.ExecuteAsync(c =>
        {
            var command = describe(c.Message);
            if (command.InvalidInput is null && command.ContainerId != Guid.Empty
                && UnknownContainerAttempts.CountFor(c) < UnknownContainerRetries)
                throw new ContainerNotYetKnownException(command.ContainerId);

            return _workflow.RejectUnknownContainer(c, command.OperationId, command.ContainerId, command.Action,
                command.InvalidInput, command.ProjectId, command.UserId);
        }));
    }

    private static void CorrelateHostReport<T>(IEventCorrelationConfigurator<TrackedContainer, T> e, Func<T, Guid> containerId)
        where T : class
    {
        e.CorrelateById(c => containerId(c.Message));
        e.OnMissingInstance(m => m.Discard());
    }

    private static void CorrelateQuery<T>(IEventCorrelationConfigurator<TrackedContainer, T> e, Func<T, Guid> containerId)
        where T : class
    {
        e.CorrelateById(c => containerId(c.Message));
        e.ReadOnly = true;
        e.OnMissingInstance(m => m.ExecuteAsync(c => c.RespondAsync(new ContainerNotFound { ContainerId = containerId(c.Message) })));
    }
}
