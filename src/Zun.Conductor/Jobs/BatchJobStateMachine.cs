using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Jobs.Activities;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.Tenancy;
using Zun.Conductor.Validation;
using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>
/// Runs a <see cref="RunJob"/> to completion: it waits in Queued for room and its turn in its project's line, runs each
/// attempt as a Zun container (created and run through the container machine like any other), follows that container
/// until it exits, keeps the tail of its output, removes it, and then tries again or ends. Exactly one of
/// <see cref="JobSucceeded"/>, <see cref="JobFailed"/>, <see cref="JobTimedOut"/> and <see cref="JobCancelled"/> ends
/// each accepted job.
/// </summary>
internal sealed class BatchJobStateMachine : MassTransitStateMachine<TrackedJob>
{
    public const string QueuedStateName = nameof(Queued);

    /// <summary>No container's id: an operation rejected about no container finds no job (between attempts a job's is empty).</summary>
    private static readonly Guid NoContainer = new("6f1d7c1e-0d0a-4a47-9a53-5e2b8f3c0b11");

    private readonly TimeProvider _clock;
    private readonly JobQueues _queues;
    private readonly HostResourceLimits _limits;

    public BatchJobStateMachine(
        IOptions<JobOptions> options, IOptions<LimitsOptions> limits, IWorkerDirectory workers, JobQueues queues,
        OperationEventPublisher publisher, TimeProvider clock)
    {
        _clock = clock;
        _queues = queues;
        _limits = new HostResourceLimits(limits, workers);
        InstanceState(x => x.CurrentState);

        // An empty job id is refused by the validation; the instance it creates to say so is the operation's.
        Event(() => Submitted, e => e.CorrelateById(c => c.Message.JobId == Guid.Empty ? c.Message.OperationId : c.Message.JobId));
        Event(() => CancelRequested, e =>
        {
            e.CorrelateById(c => c.Message.JobId);
            e.OnMissingInstance(m => m.ExecuteAsync(c => publisher.Rejected(c, CancelRefused(c.Message, $"no job {c.Message.JobId}"))));
        });
        Event(() => ContainerChanged, e =>
        {
            e.CorrelateBy((job, c) => job.ContainerId == c.Message.ContainerId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => ContainerOperationRejected, e =>
        {
            e.CorrelateBy((job, c) => job.ContainerId == (c.Message.ContainerId ?? NoContainer));
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => RoomFreed, e =>
        {
            e.CorrelateBy((job, c) => job.CurrentState == QueuedStateName);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => Deadline, x => x.DeadlineTokenId, s =>
        {
            s.Received = e =>
            {
                e.CorrelateById(c => c.Message.JobId);
                e.OnMissingInstance(m => m.Discard());
            };
        });
        Schedule(() => RetryDue, x => x.RetryTokenId, s =>
        {
            s.Received = e =>
            {
                e.CorrelateById(c => c.Message.JobId);
                e.OnMissingInstance(m => m.Discard());
            };
        });
        Schedule(() => QueueCheck, x => x.QueueCheckTokenId, s =>
        {
            s.Delay = options.Value.QueuePoll;
            s.Received = e =>
            {
                e.CorrelateById(c => c.Message.JobId);
                e.OnMissingInstance(m => m.Discard());
            };
        });

        Initially(
            When(Submitted)
                .IfElse(c => Refusal(c.Message) is null,
                    valid => valid
                        .Then(c => c.Saga.Accept(c.Message, Now))
                        .StartAttempt(this),
                    invalid => invalid
                        .Then(c => c.Saga.Refuse(c.Message, Refusal(c.Message)!, Now))
                        .PublishJobEvents()
                        .Finalize()));

        During(Queued,
            When(RoomFreed).StartAttempt(this),
            When(QueueCheck.Received).StartAttempt(this));

        During(WaitingRetry,
            When(RetryDue.Received).StartAttempt(this));

        During(Queued, WaitingRetry,
            When(Deadline.Received)
                .Then(c => c.Saga.EndTimedOut($"the active deadline of {c.Saga.Request.ActiveDeadlineSeconds} s passed between attempts", Now))
                .Leave(this),
            When(CancelRequested)
                .IfElse(c => MaySee(c.Saga, c.Message),
                    mine => mine.Then(c => c.Saga.EndCancelled(c.Message.OperationId, Now)).Leave(this),
                    other => other.ThenAsync(c => publisher.Rejected(c, CancelRefused(c.Message, $"no job {c.Message.JobId}")))));

        During(Starting,
            When(ContainerChanged, c => c.Message.Status == ContainerStatus.Running)
                .Then(c => c.Saga.AttemptRunning(c.Message.Host, Now))
                .PublishJobEvents()
                .TransitionTo(Running));

        During(Starting, Running,
            When(ContainerChanged, c => AttemptEnd.Of(c.Message) is not null)
                .Then(c =>
                {
                    var end = AttemptEnd.Of(c.Message)!;
                    if (end.Ran)
                        c.Saga.AttemptRunning(c.Message.Host, Now);
                    c.Saga.AttemptEnded(end.ExitCode, end.Reason, end.ContainerGone, Now);
                })
                .If(c => c.Message.Status == ContainerStatus.Unknown && c.Saga.Request.RemoveContainer, hostDown => hostDown.RemoveAttemptContainer())
                .EndAttempt(this),
            When(ContainerOperationRejected, c => c.Message.Action == ContainerAction.Create)
                .Then(c => c.Saga.AttemptEnded(null, $"its container's create was refused: {c.Message.Reason}", containerGone: true, Now))
                .EndAttempt(this),
            When(Deadline.Received)
                .Then(c => c.Saga.Stop(JobEnding.TimedOut, $"the active deadline of {c.Saga.Request.ActiveDeadlineSeconds} s passed", null, Now))
                .StopAttempt(this),
            When(CancelRequested)
                .IfElse(c => MaySee(c.Saga, c.Message),
                    mine => mine.Then(c => c.Saga.Stop(JobEnding.Cancelled, "cancelled", c.Message.OperationId, Now)).StopAttempt(this),
                    other => other.ThenAsync(c => publisher.Rejected(c, CancelRefused(c.Message, $"no job {c.Message.JobId}")))));

        During(Removing,
            When(ContainerChanged, c => c.Message.Status == ContainerStatus.Deleted
                    || (!c.Saga.Request.RemoveContainer && c.Message.Status is ContainerStatus.Stopped or ContainerStatus.Error))
                .Then(c => c.Saga.ContainerLeft())
                .Conclude(this),
            When(ContainerOperationRejected, c => c.Message.Action is ContainerAction.Delete or ContainerAction.Kill)
                .Then(c => c.Saga.ContainerLeft())
                .Conclude(this),
            When(Deadline.Received, c => c.Saga.Ending == JobEnding.Retry)
                .Then(c => c.Saga.Stop(JobEnding.TimedOut, $"the active deadline of {c.Saga.Request.ActiveDeadlineSeconds} s passed", null, Now)),
            When(CancelRequested)
                .IfElse(c => MaySee(c.Saga, c.Message) && c.Saga.Ending == JobEnding.Retry,
                    retrying => retrying.Then(c => c.Saga.Stop(JobEnding.Cancelled, "cancelled", c.Message.OperationId, Now)),
                    other => other.ThenAsync(c => publisher.Rejected(c, CancelRefused(c.Message,
                        MaySee(c.Saga, c.Message) ? $"job {c.Message.JobId} is ending: its last attempt has ended" : $"no job {c.Message.JobId}")))));

        During(Ended,
            When(CancelRequested)
                .ThenAsync(c => publisher.Rejected(c, CancelRefused(c.Message,
                    MaySee(c.Saga, c.Message) ? $"job {c.Message.JobId} has ended {c.Saga.State}" : $"no job {c.Message.JobId}"))));

        // A RunJob that RabbitMQ redelivers after the conductor died may have been saved without its messages going out:
        // create the attempt again (the same container and operation) or repeat the ending (the same message id).
        During(Starting,
            When(Submitted, c => c.ReceiveContext.Redelivered && c.Message.OperationId == c.Saga.OperationId)
                .ThenAsync(c => c.Publish(c.Saga.CreateOf(c.Saga.CurrentAttempt!))));
        During(Ended,
            When(Submitted, c => c.ReceiveContext.Redelivered && c.Message.OperationId == c.Saga.OperationId)
                .Then(c => c.Saga.RaiseEndAgain(Now))
                .PublishJobEvents());

        // Another operation may not take a job's id.
        DuringAny(
            When(Submitted, c => c.Message.OperationId != c.Saga.OperationId)
                .ThenAsync(c => publisher.Rejected(c, new OperationRejected
                {
                    OperationId = c.Message.OperationId, Action = ContainerAction.RunJob, ProjectId = c.Message.ProjectId, UserId = c.Message.UserId,
                    Reason = $"jobId {c.Message.JobId} is another job's", Timestamp = Now,
                })));

        // Any other repeat, and the events of containers that are no longer an attempt's, change nothing.
        OnUnhandledEvent(c => c.Ignore());
        SetCompletedWhenFinalized();
    }

    public State Queued { get; private set; } = null!;

    /// <summary>The attempt's container is being created and started.</summary>
    public State Starting { get; private set; } = null!;

    public State Running { get; private set; } = null!;

    /// <summary>The attempt has ended (or is being stopped): its container is being removed, or killed when it is kept.</summary>
    public State Removing { get; private set; } = null!;

    /// <summary>An attempt failed: the job waits out its backoff before it goes back in line.</summary>
    public State WaitingRetry { get; private set; } = null!;

    /// <summary>Succeeded, Failed, TimedOut or Cancelled, as the job's <see cref="TrackedJob.State"/> says; kept for queries until purged.</summary>
    public State Ended { get; private set; } = null!;

    public Event<RunJob> Submitted { get; private set; } = null!;

    public Event<CancelJob> CancelRequested { get; private set; } = null!;

    public Event<ContainerStatusChanged> ContainerChanged { get; private set; } = null!;

    public Event<OperationRejected> ContainerOperationRejected { get; private set; } = null!;

    public Event<JobRoomFreed> RoomFreed { get; private set; } = null!;

    public Schedule<TrackedJob, JobDeadlineReached> Deadline { get; private set; } = null!;

    public Schedule<TrackedJob, JobRetryDue> RetryDue { get; private set; } = null!;

    public Schedule<TrackedJob, JobQueueCheck> QueueCheck { get; private set; } = null!;

    internal DateTimeOffset Now => _clock.GetUtcNow();

    internal JobQueues Queues => _queues;

    /// <summary>The wait after attempt <paramref name="attempt"/> failed: the job's backoff, doubled for each failed attempt before it.</summary>
    internal static TimeSpan BackoffAfter(RunJob job, int attempt) =>
        TimeSpan.FromSeconds(Math.Min(JobValidator.MaxBackoffSeconds, job.RetryBackoffSeconds * Math.Pow(2, Math.Min(attempt - 1, 20))));

    private static bool MaySee(TrackedJob job, CancelJob cancel) => cancel.Sees(job.ProjectId);

    private OperationRejected CancelRefused(CancelJob cancel, string reason) => new()
    {
        OperationId = cancel.OperationId, Action = ContainerAction.CancelJob, Reason = reason, ProjectId = cancel.ProjectId,
        UserId = cancel.UserId, Timestamp = Now,
    };

    private string? Refusal(RunJob job) => JobValidator.Validate(job, _limits.For(job.Host));
}
