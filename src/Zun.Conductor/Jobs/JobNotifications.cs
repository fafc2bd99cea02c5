using Zun.Conductor.Notifications;
using Zun.Contracts;

namespace Zun.Conductor.Jobs;

/// <summary>A job's oslo notifications: accepted is <c>job.run.start</c>, succeeded <c>job.run.end</c>, and failed, timed out or cancelled <c>job.run.error</c>.</summary>
internal static class JobNotifications
{
    public static OsloNotification From(JobAccepted e, Guid messageId) =>
        Create(messageId, "start", NotificationMapper.Info, e.Timestamp, e.JobId, JobState.Queued, e.ProjectId, e.UserId);

    public static OsloNotification From(JobSucceeded e, Guid messageId) =>
        Create(messageId, "end", NotificationMapper.Info, e.Timestamp, e.JobId, JobState.Succeeded, e.ProjectId, null, e.Attempts, e.ExitCode);

    public static OsloNotification From(JobFailed e, Guid messageId) =>
        Create(messageId, "error", NotificationMapper.Error, e.Timestamp, e.JobId, JobState.Failed, e.ProjectId, null, e.Attempts, e.ExitCode, e.Reason);

    public static OsloNotification From(JobTimedOut e, Guid messageId) =>
        Create(messageId, "error", NotificationMapper.Error, e.Timestamp, e.JobId, JobState.TimedOut, e.ProjectId, null, e.Attempts, reason: e.Reason);

    public static OsloNotification From(JobCancelled e, Guid messageId) =>
        Create(messageId, "error", NotificationMapper.Error, e.Timestamp, e.JobId, JobState.Cancelled, e.ProjectId, null, e.Attempts, reason: "cancelled");

    private static OsloNotification Create(
        Guid messageId, string phase, string priority, DateTimeOffset timestamp, Guid jobId, JobState state, string? projectId, string? userId,
        int? attempts = null, int? exitCode = null, string? reason = null) =>
        new(messageId, $"job.run.{phase}", priority, new Dictionary<string, object?>
        {
            ["job_id"] = jobId.ToString("D"),
            ["state"] = state.ToString(),
            ["attempts"] = attempts,
            ["exit_code"] = exitCode,
            ["reason"] = reason,
            ["project_id"] = projectId,
            ["user_id"] = userId,
        }, timestamp);
}
