namespace Zun.Conductor.Jobs;

/// <summary>The job's active deadline (<c>activeDeadlineSeconds</c>, from its first attempt's start) has passed.</summary>
public sealed record JobDeadlineReached
{
    public Guid JobId { get; init; }
}

/// <summary>The wait after a failed attempt is over: the job looks for room for its next one.</summary>
public sealed record JobRetryDue
{
    public Guid JobId { get; init; }

    public int Attempt { get; init; }
}

/// <summary>A queued job looks for room again by itself (<c>Zun:Jobs:QueuePollSeconds</c>).</summary>
public sealed record JobQueueCheck
{
    public Guid JobId { get; init; }
}

/// <summary>
/// Room may have been freed (a container was deleted, a job left its project's line): every queued job looks again.
/// The conductor publishes it to itself.
/// </summary>
public sealed record JobRoomFreed
{
    public string? ProjectId { get; init; }
}
