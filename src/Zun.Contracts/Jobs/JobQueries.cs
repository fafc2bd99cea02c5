namespace Zun.Contracts;

/// <summary>Reads a job; answered with <see cref="JobInfo"/> or <see cref="JobNotFound"/>.</summary>
public sealed record GetJob : ICallerScope
{
    public Guid JobId { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}

/// <summary>Lists the caller's jobs, newest first; answered with <see cref="JobList"/>.</summary>
public sealed record ListJobs : ICallerScope
{
    /// <summary>Only jobs in this state.</summary>
    public JobState? State { get; init; }

    /// <summary>At most this many (1 to 1,000; 100 when absent).</summary>
    public int? Limit { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}

public sealed record JobNotFound
{
    public Guid JobId { get; init; }
}

public sealed record JobList
{
    public IReadOnlyList<JobInfo> Jobs { get; init; } = [];
}

/// <summary>A job as the conductor tracks it.</summary>
public sealed record JobInfo
{
    public Guid JobId { get; init; }

    public JobState State { get; init; }

    public string Image { get; init; } = "";

    public string[]? Command { get; init; }

    /// <summary>Why it failed, timed out or was cancelled; why it waits while Queued.</summary>
    public string? Reason { get; init; }

    public int MaxAttempts { get; init; }

    public IReadOnlyList<JobAttempt> Attempts { get; init; } = [];

    /// <summary>The last attempt's exit code.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The kept tail of the last ended attempt's output.</summary>
    public string Output { get; init; } = "";

    public bool OutputTruncated { get; init; }

    public string? ProjectId { get; init; }

    public string? UserId { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
