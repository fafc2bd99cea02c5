using MassTransit;
using Zun.Contracts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// Records every operation from the events the other machines publish, and answers
/// <see cref="GetOperation"/>. The events may arrive in any order; a terminal state never regresses.
/// </summary>
public sealed class OperationStateMachine : MassTransitStateMachine<TrackedOperation>
{
    public OperationStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Accepted, e => e.CorrelateById(c => c.Message.OperationId));
        Event(() => Dispatched, e => e.CorrelateById(c => c.Message.OperationId));
        Event(() => Completed, e => e.CorrelateById(c => c.Message.OperationId));
        Event(() => Failed, e => e.CorrelateById(c => c.Message.OperationId));
        Event(() => Rejected, e => e.CorrelateById(c => c.Message.OperationId));
        Event(() => TimedOutEvent, e => e.CorrelateById(c => c.Message.OperationId));
        Event(() => Queried, e =>
        {
            e.CorrelateById(c => c.Message.OperationId);
            e.ReadOnly = true;
            e.OnMissingInstance(m => m.ExecuteAsync(c => c.RespondAsync(new OperationNotFound { OperationId = c.Message.OperationId })));
        });

        Initially(
            When(Accepted).Then(Record).TransitionTo(AcceptedState),
            When(Dispatched).Then(Record).TransitionTo(DispatchedState),
            When(Completed).Then(Record).TransitionTo(CompletedState),
            When(Failed).Then(Record).TransitionTo(FailedState),
            When(Rejected).Then(Record).TransitionTo(RejectedState),
            When(TimedOutEvent).Then(Record).TransitionTo(TimedOutState));

        During(AcceptedState,
            When(Dispatched).Then(Record).TransitionTo(DispatchedState));

        During(AcceptedState, DispatchedState,
            When(Completed).Then(Record).TransitionTo(CompletedState),
            When(Failed).Then(Record).TransitionTo(FailedState),
            When(Rejected).Then(Record).TransitionTo(RejectedState),
            When(TimedOutEvent).Then(Record).TransitionTo(TimedOutState));

        // Late or duplicate events add what they know without moving the operation backwards.
        DuringAny(
            When(Accepted).Then(Record));
        During([CompletedState, FailedState, RejectedState, TimedOutState],
            When(Dispatched).Then(Record));

        DuringAny(When(Queried).Respond(c => ToInfo(c.Saga)));

        OnUnhandledEvent(c => c.Ignore());
    }

    public State AcceptedState { get; private set; } = null!;
    public State DispatchedState { get; private set; } = null!;
    public State CompletedState { get; private set; } = null!;
    public State FailedState { get; private set; } = null!;
    public State RejectedState { get; private set; } = null!;
    public State TimedOutState { get; private set; } = null!;

    public Event<OperationAccepted> Accepted { get; private set; } = null!;
    public Event<OperationDispatched> Dispatched { get; private set; } = null!;
    public Event<OperationCompleted> Completed { get; private set; } = null!;
    public Event<OperationFailed> Failed { get; private set; } = null!;
    public Event<OperationRejected> Rejected { get; private set; } = null!;
    public Event<OperationTimedOut> TimedOutEvent { get; private set; } = null!;
    public Event<GetOperation> Queried { get; private set; } = null!;

    private static void Record(BehaviorContext<TrackedOperation, OperationAccepted> c)
    {
        Describe(c.Saga, c.Message.ContainerId, c.Message.Action);
        c.Saga.AcceptedAt = c.Message.Timestamp;
        c.Saga.ProjectId = c.Message.ProjectId;
        c.Saga.UserId = c.Message.UserId;
    }

    private static void Record(BehaviorContext<TrackedOperation, OperationDispatched> c)
    {
        Describe(c.Saga, c.Message.ContainerId, c.Message.Action);
        c.Saga.DispatchedAt = c.Message.Timestamp;
        c.Saga.Host = c.Message.Host;
    }

    private static void Record(BehaviorContext<TrackedOperation, OperationCompleted> c)
    {
        Describe(c.Saga, c.Message.ContainerId, c.Message.Action);
        c.Saga.FinishedAt = c.Message.Timestamp;
        c.Saga.Host = c.Message.Host ?? c.Saga.Host;
        c.Saga.Status = c.Message.Status;
        c.Saga.ExitCode = c.Message.ExitCode;
    }

    private static void Record(BehaviorContext<TrackedOperation, OperationFailed> c)
    {
        Describe(c.Saga, c.Message.ContainerId, c.Message.Action);
        c.Saga.FinishedAt = c.Message.Timestamp;
        c.Saga.Host = c.Message.Host ?? c.Saga.Host;
        c.Saga.Status = c.Message.Status;
        c.Saga.Reason = c.Message.Reason;
    }

    private static void Record(BehaviorContext<TrackedOperation, OperationRejected> c)
    {
        Describe(c.Saga, c.Message.ContainerId, c.Message.Action);
        c.Saga.FinishedAt = c.Message.Timestamp;
        c.Saga.Reason = c.Message.Reason;
        c.Saga.ProjectId ??= c.Message.ProjectId;
        c.Saga.UserId ??= c.Message.UserId;
    }

    private static void Record(BehaviorContext<TrackedOperation, OperationTimedOut> c)
    {
        Describe(c.Saga, c.Message.ContainerId, c.Message.Action);
        c.Saga.FinishedAt = c.Message.Timestamp;
        c.Saga.Host = c.Message.Host ?? c.Saga.Host;
        c.Saga.Reason = c.Message.Reason;
    }

    private static void Describe(TrackedOperation saga, Guid? containerId, ContainerAction action)
    {
        saga.ContainerId ??= containerId;
        saga.Action = action;
    }

    private OperationInfo ToInfo(TrackedOperation saga) => new()
    {
        OperationId = saga.CorrelationId,
        ContainerId = saga.ContainerId,
        Action = saga.Action,
        State = StateOf(saga),
        Reason = saga.Reason,
        Host = saga.Host,
        Status = saga.Status,
        ExitCode = saga.ExitCode,
        AcceptedAt = saga.AcceptedAt,
        DispatchedAt = saga.DispatchedAt,
        FinishedAt = saga.FinishedAt,
    };

    private OperationState StateOf(TrackedOperation saga) =>
        saga.CurrentState == CompletedState.Name ? OperationState.Completed
        : saga.CurrentState == FailedState.Name ? OperationState.Failed
        : saga.CurrentState == RejectedState.Name ? OperationState.Rejected
        : saga.CurrentState == TimedOutState.Name ? OperationState.TimedOut
        : saga.CurrentState == DispatchedState.Name ? OperationState.Dispatched
        : OperationState.Accepted;
}
