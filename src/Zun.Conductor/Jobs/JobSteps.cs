using MassTransit;
using Zun.Conductor.Jobs.Activities;
using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>The named steps of <see cref="BatchJobStateMachine"/>, so that its story reads as what happens, not how.</summary>
internal static class JobSteps
{
    public static EventActivityBinder<TrackedJob, T> PublishJobEvents<T>(this EventActivityBinder<TrackedJob, T> binder)
        where T : class =>
        binder.Activity(x => x.OfInstanceType<PublishJobEventsActivity>());

    /// <summary>Starts the next attempt if it can; otherwise the job stays Queued and looks again later, or has ended.</summary>
    public static EventActivityBinder<TrackedJob, T> StartAttempt<T>(this EventActivityBinder<TrackedJob, T> binder, BatchJobStateMachine machine)
        where T : class =>
        binder
            .Activity(x => x.OfInstanceType<StartJobAttemptActivity>())
            .PublishJobEvents()
            .IfElse(c => c.Saga.State == JobState.Running,
                started => started
                    .Unschedule(machine.QueueCheck)
                    .If(c => c.Saga.Attempts.Count == 1 && c.Saga.Request.ActiveDeadlineSeconds is not null, first => first
                        .Schedule(machine.Deadline, c => new JobDeadlineReached { JobId = c.Saga.CorrelationId },
                            c => TimeSpan.FromSeconds(c.Saga.Request.ActiveDeadlineSeconds!.Value)))
                    .TransitionTo(machine.Starting),
                notStarted => notStarted.IfElse(c => c.Saga.HasEnded,
                    ended => ended.End(machine),
                    queued => queued
                        .Schedule(machine.QueueCheck, c => new JobQueueCheck { JobId = c.Saga.CorrelationId })
                        .TransitionTo(machine.Queued)));

    /// <summary>The attempt has ended: its output is kept, then its container removed (or kept), and the job goes on.</summary>
    public static EventActivityBinder<TrackedJob, T> EndAttempt<T>(this EventActivityBinder<TrackedJob, T> binder, BatchJobStateMachine machine)
        where T : class =>
        binder
            .PublishJobEvents()
            .Activity(x => x.OfInstanceType<KeepJobOutputActivity>())
            .IfElse(c => !c.Saga.ContainerGone && c.Saga.Request.RemoveContainer,
                remove => remove.RemoveAttemptContainer().TransitionTo(machine.Removing),
                keep => keep.Conclude(machine));

    /// <summary>The attempt is stopped (deadline, cancel): its output so far is kept, then its container removed, or killed if kept.</summary>
    public static EventActivityBinder<TrackedJob, T> StopAttempt<T>(this EventActivityBinder<TrackedJob, T> binder, BatchJobStateMachine machine)
        where T : class =>
        binder
            .Activity(x => x.OfInstanceType<KeepJobOutputActivity>())
            .IfElse(c => c.Saga.ContainerGone,
                gone => gone.Conclude(machine),
                alive => alive
                    .IfElse(c => c.Saga.Request.RemoveContainer, remove => remove.RemoveAttemptContainer(), keep => keep.KillAttemptContainer())
                    .TransitionTo(machine.Removing));

    /// <summary>Deletes the attempt's container, running or not.</summary>
    public static EventActivityBinder<TrackedJob, T> RemoveAttemptContainer<T>(this EventActivityBinder<TrackedJob, T> binder)
        where T : class =>
        binder.ThenAsync(c =>
        {
            var attempt = c.Saga.CurrentAttempt!;
            return c.Publish(new DeleteContainer
            {
                OperationId = c.Saga.DerivedId($"delete-{attempt.Number}"), ContainerId = attempt.ContainerId, Force = true,
                ProjectId = c.Saga.ProjectId, UserId = c.Saga.UserId,
            });
        });

    public static EventActivityBinder<TrackedJob, T> KillAttemptContainer<T>(this EventActivityBinder<TrackedJob, T> binder)
        where T : class =>
        binder.ThenAsync(c =>
        {
            var attempt = c.Saga.CurrentAttempt!;
            return c.Publish(new KillContainer
            {
                OperationId = c.Saga.DerivedId($"kill-{attempt.Number}"), ContainerId = attempt.ContainerId, Signal = "SIGKILL",
                ProjectId = c.Saga.ProjectId, UserId = c.Saga.UserId,
            });
        });

    /// <summary>The ended attempt's container is gone or kept: the job leaves its project's line, then waits to retry or ends.</summary>
    public static EventActivityBinder<TrackedJob, T> Conclude<T>(this EventActivityBinder<TrackedJob, T> binder, BatchJobStateMachine machine)
        where T : class =>
        binder
            .Then(c => c.Saga.Conclude(BatchJobStateMachine.BackoffAfter(c.Saga.Request, c.Saga.Attempts.Count), machine.Now))
            .ThenAsync(c => machine.Queues.LeaveAsync(c.Saga.ProjectId, c.Saga.CorrelationId, c.CancellationToken))
            .PublishJobEvents()
            .IfElse(c => c.Saga.State == JobState.Queued,
                retry => retry
                    .ThenAsync(c => c.Publish(new JobRoomFreed { ProjectId = c.Saga.ProjectId }))
                    .Schedule(machine.RetryDue, c => new JobRetryDue { JobId = c.Saga.CorrelationId, Attempt = c.Saga.Attempts.Count + 1 },
                        c => BatchJobStateMachine.BackoffAfter(c.Saga.Request, c.Saga.Attempts.Count))
                    .TransitionTo(machine.WaitingRetry),
                ended => ended.End(machine));

    /// <summary>The job ended between attempts (deadline, cancel): it leaves its project's line and ends.</summary>
    public static EventActivityBinder<TrackedJob, T> Leave<T>(this EventActivityBinder<TrackedJob, T> binder, BatchJobStateMachine machine)
        where T : class =>
        binder
            .ThenAsync(c => machine.Queues.LeaveAsync(c.Saga.ProjectId, c.Saga.CorrelationId, c.CancellationToken))
            .PublishJobEvents()
            .End(machine);

    /// <summary>Nothing of the job is scheduled any more, and the place it held in its project may go to the next job.</summary>
    private static EventActivityBinder<TrackedJob, T> End<T>(this EventActivityBinder<TrackedJob, T> binder, BatchJobStateMachine machine)
        where T : class =>
        binder
            .Unschedule(machine.QueueCheck)
            .Unschedule(machine.RetryDue)
            .Unschedule(machine.Deadline)
            .ThenAsync(c => c.Publish(new JobRoomFreed { ProjectId = c.Saga.ProjectId }))
            .TransitionTo(machine.Ended);
}
