using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.StateMachines.Activities;
using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// Carries a <see cref="PullImage"/> command to a worker: the pinned host, or the least loaded live one,
/// waiting for a worker when none is live. The operation ends with the worker's answer or its deadline.
/// </summary>
public sealed class ImagePullStateMachine : MassTransitStateMachine<ImagePull>
{
    public const string PlacingStateName = nameof(Placing);

    private readonly TimeProvider _clock;
    private readonly TimeSpan _deadline;

    public ImagePullStateMachine(IOptions<ConductorOptions> options, TimeProvider clock)
    {
        _clock = clock;
        _deadline = options.Value.DeadlineFor(ContainerAction.PullImage);
        PlacementDeadline = options.Value.PlacementDeadline;
        InstanceState(x => x.CurrentState);

        Event(() => PullRequested, e => e.CorrelateById(c => c.Message.OperationId));
        Event(() => Pulled, e => { e.CorrelateById(c => c.Message.OperationId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => PullFailed, e => { e.CorrelateById(c => c.Message.OperationId); e.OnMissingInstance(m => m.Discard()); });
        Schedule(() => PullDeadline, x => x.DeadlineTokenId, s =>
        {
            s.Delay = _deadline;
            s.Received = e =>
            {
                e.CorrelateById(c => c.Message.OperationId);
                e.OnMissingInstance(m => m.Discard());
            };
        });
        Event(() => WorkerAvailable, e =>
        {
            e.CorrelateBy((saga, context) => saga.CurrentState == PlacingStateName
                && (saga.RequestedHost == null || saga.RequestedHost == context.Message.Host));
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(PullRequested)
                .IfElse(c => CommandValidator.Validate(c.Message) is null,
                    valid => valid
                        .Then(c => c.Saga.Accept(c.Message, Now))
                        .PlaceThenSend(this, waiting => waiting.ScheduleWaitForHost(this).PublishRaised().TransitionTo(Placing)),
                    invalid => invalid
                        .Then(c => c.Saga.Refuse(c.Message, CommandValidator.Validate(c.Message)!, Now))
                        .PublishRaised()
                        .Finalize()));

        During(Placing,
            When(WorkerAvailable)
                .Activity(x => x.OfInstanceType<PlaceImagePullActivity>())
                .If(c => c.Saga.Host is not null, placed => placed
                    .SendPullToHost(this)
                    .PublishRaised()
                    .TransitionTo(Pulling)),
            When(PullDeadline.Received)
                .PlaceThenSend(this, gaveUp => gaveUp.PublishRaised().TransitionTo(TimedOut)));

        During(Pulling,
            When(PullDeadline.Received)
                .Then(c => c.Saga.TimeOut(_deadline, Now))
                .PublishRaised()
                .TransitionTo(TimedOut),
            When(Pulled)
                .Unschedule(PullDeadline)
                .Then(c => c.Saga.Succeed(Now))
                .PublishRaised()
                .TransitionTo(Succeeded),
            When(PullFailed)
                .Unschedule(PullDeadline)
                .Then(c => c.Saga.Fail(c.Message, Now))
                .PublishRaised()
                .TransitionTo(Failed));

        // A PullImage or an outcome that RabbitMQ redelivers after the conductor died may have been saved without its
        // messages going out: set the wait's deadline again, send the pull again (pulling is idempotent) or repeat the outcome.
        During(Placing,
            When(PullRequested, c => c.ReceiveContext.Redelivered).ScheduleWaitForHost(this));
        During(Pulling,
            When(PullRequested, c => c.ReceiveContext.Redelivered).SendPullToHost(this).PublishRaised());
        During(Succeeded,
            When(PullRequested, c => c.ReceiveContext.Redelivered).Then(c => c.Saga.RaiseSucceeded(Now)).PublishRaised(),
            When(Pulled, c => c.ReceiveContext.Redelivered).Then(c => c.Saga.RaiseSucceeded(Now)).PublishRaised());
        During(Failed,
            When(PullFailed, c => c.ReceiveContext.Redelivered).Then(c => c.Saga.RaiseFailed(c.Message, Now)).PublishRaised());

        // Any other repeat changes nothing.
        OnUnhandledEvent(c => c.Ignore());
        SetCompletedWhenFinalized();
    }

    public State Placing { get; private set; } = null!;

    public State Pulling { get; private set; } = null!;

    public State Succeeded { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public State TimedOut { get; private set; } = null!;

    public Event<PullImage> PullRequested { get; private set; } = null!;

    public Event<ImagePulled> Pulled { get; private set; } = null!;

    public Event<ImagePullFailed> PullFailed { get; private set; } = null!;

    public Event<WorkerHeartbeat> WorkerAvailable { get; private set; } = null!;

    /// <summary>The pull's deadline, set when it is sent to its host, or when it begins to wait for one.</summary>
    public Schedule<ImagePull, OperationDeadlineExpired> PullDeadline { get; private set; } = null!;

    internal DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>How long a dispatched pull may take before it ends TimedOut.</summary>
    internal TimeSpan Deadline => _deadline;

    /// <summary>How long a pull may wait for a worker to pull on.</summary>
    internal TimeSpan PlacementDeadline { get; }
}
