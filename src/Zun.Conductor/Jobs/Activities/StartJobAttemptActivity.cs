using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.StateMachines.Activities;

namespace Zun.Conductor.Jobs.Activities;

/// <summary>
/// A queued job starts its next attempt when a host has room for it, it is first in its project's line, and its
/// project runs fewer jobs than <c>Zun:Jobs:MaxRunningPerProject</c>; then the attempt's container is created and run.
/// Otherwise it stays Queued saying why, until it has waited <c>Zun:Jobs:MaxQueuedSeconds</c> (TimedOut), or it ends
/// Failed when no host could ever take it (a zone, a label, more cores than any host has).
/// </summary>
internal sealed class StartJobAttemptActivity(ContainerScheduler scheduler, JobQueues queues, IOptions<JobOptions> options, TimeProvider clock) :
    InstanceActivity<TrackedJob>
{
    protected override string Name => "start-job-attempt";

    protected override async Task Apply(BehaviorContext<TrackedJob> context)
    {
        var job = context.Saga;
        if (job.State != Contracts.JobState.Queued)
            return;

        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (job.QueuedSince is { } since && now - since >= settings.MaxQueued)
        {
            job.EndTimedOut($"waited {settings.MaxQueuedSeconds} s in Queued (Zun:Jobs:MaxQueuedSeconds): {job.Reason ?? "no room"}", now);
            await queues.LeaveAsync(job.ProjectId, job.CorrelationId, context.CancellationToken);
            return;
        }

        var next = job.CreateOf(new Contracts.JobAttempt { Number = job.Attempts.Count + 1, ContainerId = job.DerivedId($"attempt-{job.Attempts.Count + 1}") });
        var room = await scheduler.RoomForAsync(scheduler.RequestFor(next), context.CancellationToken);
        if (room.Worker is null)
        {
            if (room.CanWait)
            {
                job.WaitFor(room.Reason!);
                await queues.WaitAsync(job.ProjectId, job.InLine, context.CancellationToken);
            }
            else
            {
                job.EndFailed(room.Reason!, now);
                await queues.LeaveAsync(job.ProjectId, job.CorrelationId, context.CancellationToken);
            }

            return;
        }

        if (await queues.TryStartAsync(job.ProjectId, job.InLine, settings.MaxRunningPerProject, context.CancellationToken) is { } why)
        {
            job.WaitFor(why);
            return;
        }

        await context.Publish(job.BeginAttempt(), context.CancellationToken);
    }
}
