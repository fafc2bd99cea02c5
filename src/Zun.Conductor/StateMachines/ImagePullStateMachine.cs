using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.Validation;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// Carries a <see cref="PullImage"/> command to a worker: the pinned host, or the least loaded live one,
/// waiting for a worker when none is live. The operation ends with the worker's answer.
/// </summary>
public sealed class ImagePullStateMachine : MassTransitStateMachine<ImagePull>
{
    public const string PlacingStateName = nameof(Placing);

    private readonly IWorkerDirectory _workers;
    private readonly ConductorOptions _options;
    private readonly TimeProvider _clock;
    private readonly OperationEventPublisher _operations;

    public ImagePullStateMachine(
        IWorkerDirectory workers, IOptions<ConductorOptions> options, TimeProvider clock, OperationEventPublisher operations)
    {
        _workers = workers;
        _options = options.Value;
        _clock = clock;
        _operations = operations;
        InstanceState(x => x.CurrentState);

        Event(() => PullRequested, e => e.CorrelateById(c => c.Message.OperationId));
        Event(() => Pulled, e => { e.CorrelateById(c => c.Message.OperationId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => PullFailed, e => { e.CorrelateById(c => c.Message.OperationId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => DeadlineExpired, e => { e.CorrelateById(c => c.Message.OperationId); e.OnMissingInstance(m => m.Discard()); });
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
                        .ThenAsync(Accept)
                        .IfElse(c => c.Saga.Host is null,
                            waiting => waiting.TransitionTo(Placing),
                            placed => placed.ThenAsync(Dispatch).TransitionTo(Pulling)),
                    invalid => invalid
                        .ThenAsync(c => _operations.Rejected(c, new OperationRejected
                        {
                            OperationId = c.Message.OperationId,
                            Action = ContainerAction.PullImage,
                            Reason = CommandValidator.Validate(c.Message)!,
                            Image = c.Message.Image,
                            ProjectId = c.Message.ProjectId,
                            UserId = c.Message.UserId,
                            Timestamp = _clock.GetUtcNow(),
                        }))
                        .Finalize()));

        During(Placing,
            When(WorkerAvailable)
                .Then(c =>
                {
                    var worker = _workers.Choose(c.Saga.RequestedHost);
                    (c.Saga.Host, c.Saga.HostEndpoint) = worker is null
                        ? (c.Message.Host, c.Message.Endpoint)
                        : (worker.Host, worker.Endpoint);
                })
                .ThenAsync(Dispatch)
                .TransitionTo(Pulling));

        During(Pulling,
            When(DeadlineExpired)
                .ThenAsync(c => _operations.TimedOut(c, new OperationTimedOut
                {
                    OperationId = c.Saga.CorrelationId,
                    Action = ContainerAction.PullImage,
                    Host = c.Saga.Host,
                    Image = c.Saga.Image,
                    Reason = $"pull of {c.Saga.Image} got no outcome from host {c.Saga.Host} within {_options.DeadlineFor(ContainerAction.PullImage).TotalSeconds:0} s",
                    Timestamp = _clock.GetUtcNow(),
                }))
                .Then(Finish)
                .TransitionTo(TimedOut),
            When(Pulled)
                .ThenAsync(CancelDeadline)
                .ThenAsync(c => _operations.Completed(c, new OperationCompleted
                {
                    OperationId = c.Message.OperationId,
                    Action = ContainerAction.PullImage,
                    Host = c.Message.Host,
                    Image = c.Saga.Image,
                    Timestamp = _clock.GetUtcNow(),
                }))
                .Then(Finish)
                .TransitionTo(Succeeded),
            When(PullFailed)
                .ThenAsync(CancelDeadline)
                .ThenAsync(PublishFailed)
                .Then(Finish)
                .TransitionTo(Failed));

        // A PullImage or an outcome that RabbitMQ redelivers after the conductor died may have been saved without its
        // messages going out: send the pull again (pulling is idempotent) or repeat the outcome.
        During(Pulling,
            When(PullRequested)
                .If(c => c.ReceiveContext.Redelivered, redelivered => redelivered.ThenAsync(Dispatch)));
        During(Succeeded,
            When(PullRequested).If(c => c.ReceiveContext.Redelivered, redelivered => redelivered.ThenAsync(PublishSucceeded)),
            When(Pulled).If(c => c.ReceiveContext.Redelivered, redelivered => redelivered.ThenAsync(PublishSucceeded)));
        During(Failed,
            When(PullFailed).If(c => c.ReceiveContext.Redelivered, redelivered => redelivered.ThenAsync(PublishFailed)));

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
    public Event<OperationDeadlineExpired> DeadlineExpired { get; private set; } = null!;

    private async Task Accept(BehaviorContext<ImagePull, PullImage> context)
    {
        var (saga, command) = (context.Saga, context.Message);
        saga.Image = command.Image.Trim();
        saga.RequestedHost = string.IsNullOrWhiteSpace(command.Host) ? null : command.Host.Trim();
        saga.ProjectId = command.ProjectId;
        saga.UserId = command.UserId;
        saga.AcceptedAt = _clock.GetUtcNow();
        var worker = _workers.Choose(saga.RequestedHost);
        saga.Host = worker?.Host;
        saga.HostEndpoint = worker?.Endpoint;

        await _operations.Accepted(context, new OperationAccepted
        {
            OperationId = command.OperationId,
            Action = ContainerAction.PullImage,
            ProjectId = command.ProjectId,
            UserId = command.UserId,
            Image = saga.Image,
            Timestamp = saga.AcceptedAt,
        });
    }

    private Task PublishSucceeded(BehaviorContext<ImagePull> context) =>
        _operations.Completed(context, new OperationCompleted
        {
            OperationId = context.Saga.CorrelationId,
            Action = ContainerAction.PullImage,
            Host = context.Saga.Host,
            Image = context.Saga.Image,
            Timestamp = _clock.GetUtcNow(),
        });

    private Task PublishFailed(BehaviorContext<ImagePull, ImagePullFailed> context) =>
        _operations.Failed(context, new OperationFailed
        {
            OperationId = context.Saga.CorrelationId,
            Action = ContainerAction.PullImage,
            Host = context.Message.Host,
            Reason = context.Message.Reason,
            Image = context.Saga.Image,
            Timestamp = _clock.GetUtcNow(),
        });

    private Uri ImagesAddress => new($"exchange:{_options.Endpoint}-images");

    private void Finish(BehaviorContext<ImagePull> context) => context.Saga.FinishedAt = _clock.GetUtcNow();

    private async Task CancelDeadline(BehaviorContext<ImagePull> context)
    {
        if (context.Saga.DeadlineTokenId is { } token)
            await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(ImagesAddress, token, context.CancellationToken);
    }

    private async Task Dispatch(BehaviorContext<ImagePull> context)
    {
        var saga = context.Saga;
        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{saga.HostEndpoint}"));
        await endpoint.Send(new PullImageOnHost { OperationId = saga.CorrelationId, Image = saga.Image, Host = saga.Host! });
        var deadline = await context.ScheduleSend(
            ImagesAddress,
            _options.DeadlineFor(ContainerAction.PullImage),
            new OperationDeadlineExpired { OperationId = saga.CorrelationId });
        saga.DeadlineTokenId = deadline.TokenId;
        await _operations.Dispatched(context, new OperationDispatched
        {
            OperationId = saga.CorrelationId,
            Action = ContainerAction.PullImage,
            Host = saga.Host!,
            Timestamp = _clock.GetUtcNow(),
        });
    }
}
