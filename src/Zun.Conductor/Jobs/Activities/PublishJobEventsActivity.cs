using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Conductor.Operations;
using Zun.Conductor.StateMachines.Activities;
using Zun.Contracts;

namespace Zun.Conductor.Jobs.Activities;

/// <summary>
/// Publishes what the job's decisions raised, in order, once the record is saved: each event with a message id derived
/// from the job (and the attempt), so a repeat is recognisable, and the oslo notification of the accepting and ending
/// ones. A refusal before acceptance is an operation's rejection, with its record, as for every command.
/// </summary>
internal sealed partial class PublishJobEventsActivity(OperationEventPublisher publisher, ILogger<PublishJobEventsActivity> logger) : InstanceActivity<TrackedJob>
{
    /// <summary>The kind every terminal event of a job shares, so the ending has one message id whichever it is.</summary>
    private const string Ended = "JobEnded";

    protected override string Name => "publish-job-events";

    protected override async Task Apply(BehaviorContext<TrackedJob> context)
    {
        var jobId = context.Saga.CorrelationId;
        foreach (var raised in context.Saga.TakeRaised())
        {
            var publishing = raised switch
            {
                OperationRejected e => publisher.Rejected(context, e),
                JobAccepted e => publisher.PublishUnrecorded(context, jobId, nameof(JobAccepted), e, JobNotifications.From),
                JobStarted e => publisher.PublishUnrecorded<JobStarted>(context, jobId, $"{nameof(JobStarted)}/{e.Attempt}", e, toNotification: null),
                JobAttemptFailed e => publisher.PublishUnrecorded<JobAttemptFailed>(context, jobId, $"{nameof(JobAttemptFailed)}/{e.Attempt}", e, toNotification: null),
                JobSucceeded e => publisher.PublishUnrecorded(context, jobId, Ended, e, JobNotifications.From),
                JobFailed e => publisher.PublishUnrecorded(context, jobId, Ended, e, JobNotifications.From),
                JobTimedOut e => publisher.PublishUnrecorded(context, jobId, Ended, e, JobNotifications.From),
                JobCancelled e => publisher.PublishUnrecorded(context, jobId, Ended, e, JobNotifications.From),
                _ => throw new InvalidOperationException($"{raised.GetType().Name} is not a job event"),
            };
            LogRaised(logger, jobId, raised.GetType().Name);
            await publishing;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Event}")]
    private static partial void LogRaised(ILogger logger, Guid jobId, string @event);
}
