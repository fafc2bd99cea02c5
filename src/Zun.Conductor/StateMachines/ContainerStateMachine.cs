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

    public ContainerStateMachine(ContainerWorkflow workflow)
    {
        InstanceState(x => x.CurrentState);

        Event(() => CreateRequested, e => e.CorrelateById(c => c.Message.ContainerId));
        Event(() => StartRequested, e => CorrelateCommand(e, workflow, m => (m.OperationId, m.ContainerId, ContainerAction.Start, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => StopRequested, e => CorrelateCommand(e, workflow, m => (m.OperationId, m.ContainerId, ContainerAction.Stop, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => KillRequested, e => CorrelateCommand(e, workflow, m => (m.OperationId, m.ContainerId, ContainerAction.Kill, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => DeleteRequested, e => CorrelateCommand(e, workflow, m => (m.OperationId, m.ContainerId, ContainerAction.Delete, CommandValidator.Validate(m), m.ProjectId, m.UserId)));
        Event(() => ActionCompleted, e => CorrelateOutcome(e, m => m.ContainerId));
        Event(() => ActionFailed, e => CorrelateOutcome(e, m => m.ContainerId));
        Event(() => WorkerAvailable, e =>
        {
            e.CorrelateBy((saga, context) => saga.CurrentState == PlacingStateName
                && (saga.RequestedHost == null || saga.RequestedHost == context.Message.Host));
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => ContainerQueried, e =>
        {
            e.CorrelateById(c => c.Message.ContainerId);
            e.ReadOnly = true;
            e.OnMissingInstance(m => m.ExecuteAsync(c => c.RespondAsync(new ContainerNotFound { ContainerId = c.Message.ContainerId })));
        });

        Initially(
            When(CreateRequested)
                .IfElse(c => CommandValidator.Validate(c.Message) is null,
                    valid => Settle(valid.ThenAsync(workflow.Create)),
                    invalid => invalid
                        .ThenAsync(c => workflow.RejectCreate(c, CommandValidator.Validate(c.Message)!))
                        .Finalize()));

        During(Placing, Busy, Idle,
            When(CreateRequested).ThenAsync(workflow.CreateExisting),
            Settle(When(StartRequested).ThenAsync(c => workflow.Accept(c, ContainerOperation.From(c.Message), CommandValidator.Validate(c.Message)))),
            Settle(When(StopRequested).ThenAsync(c => workflow.Accept(c, ContainerOperation.From(c.Message), CommandValidator.Validate(c.Message)))),
            Settle(When(KillRequested).ThenAsync(c => workflow.Accept(c, ContainerOperation.From(c.Message), CommandValidator.Validate(c.Message)))),
            Settle(When(DeleteRequested).ThenAsync(c => workflow.Accept(c, ContainerOperation.From(c.Message), CommandValidator.Validate(c.Message)))));

        During(Placing,
            Settle(When(WorkerAvailable).ThenAsync(workflow.PlaceOnAvailableWorker)));

        During(Busy,
            Settle(When(ActionCompleted).ThenAsync(workflow.Complete)),
            Settle(When(ActionFailed).ThenAsync(workflow.Fail)));

        DuringAny(
            When(ContainerQueried).Respond(c => c.Saga.ToContainerInfo()));

        // Outcomes of operations already finished, and heartbeats for containers already placed,
        // arrive routinely under at-least-once delivery; they change nothing.
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
    public Event<ContainerActionCompleted> ActionCompleted { get; private set; } = null!;
    public Event<ContainerActionFailed> ActionFailed { get; private set; } = null!;
    public Event<WorkerHeartbeat> WorkerAvailable { get; private set; } = null!;
    public Event<GetContainer> ContainerQueried { get; private set; } = null!;

    /// <summary>After every event: the state follows from what the container waits for.</summary>
    private EventActivityBinder<TrackedContainer, T> Settle<T>(EventActivityBinder<TrackedContainer, T> binder)
        where T : class =>
        binder.IfElse(c => c.Saga.ActiveOperation is null,
            idle => idle.TransitionTo(Idle),
            busy => busy.IfElse(c => c.Saga.HostEndpoint is null,
                placing => placing.TransitionTo(Placing),
                dispatched => dispatched.TransitionTo(Busy)));

    private static void CorrelateCommand<T>(
        IEventCorrelationConfigurator<TrackedContainer, T> e,
        ContainerWorkflow workflow,
        Func<T, (Guid OperationId, Guid ContainerId, ContainerAction Action, string? InvalidInput, string? ProjectId, string? UserId)> describe)
        where T : class
    {
        e.CorrelateById(c => describe(c.Message).ContainerId);
        e.OnMissingInstance(m => m.ExecuteAsync(c =>
        {
            var command = describe(c.Message);
            return workflow.RejectUnknownContainer(c, command.OperationId, command.ContainerId, command.Action,
                command.InvalidInput, command.ProjectId, command.UserId);
        }));
    }

    private static void CorrelateOutcome<T>(IEventCorrelationConfigurator<TrackedContainer, T> e, Func<T, Guid> containerId)
        where T : class
    {
        e.CorrelateById(c => containerId(c.Message));
        e.OnMissingInstance(m => m.Discard());
    }
}
