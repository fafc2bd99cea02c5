namespace Zun.Contracts;

/// <summary>Where a job is: waiting for room or its next attempt, running an attempt, or ended.</summary>
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
}
