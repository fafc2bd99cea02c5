namespace Zun.Contracts;

/// <summary>The job was accepted: it is Queued until an attempt starts.</summary>
public sealed record JobAccepted
{
    public Guid JobId { get; init; }

    public Guid OperationId { get; init; }

    public string? ProjectId { get; init; }

    public string? UserId { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>An attempt's container is running on <see cref="Host"/>.</summary>
public sealed record JobStarted
{
    public Guid JobId { get; init; }

    public int Attempt { get; init; }

    public string? Host { get; init; }

    public Guid ContainerId { get; init; }

    public string? ProjectId { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>An attempt failed and another follows at <see cref="NextAttemptAt"/>.</summary>
public sealed record JobAttemptFailed
{
    public Guid JobId { get; init; }

    public int Attempt { get; init; }

    public int? ExitCode { get; init; }

    public string Reason { get; init; } = "";

    public DateTimeOffset NextAttemptAt { get; init; }

    public string? ProjectId { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>Terminal: the last attempt exited 0.</summary>
public sealed record JobSucceeded
{
    public Guid JobId { get; init; }

    public int ExitCode { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The tail of the last attempt's stdout and stderr, at most the job's <c>keepOutputBytes</c>.</summary>
    public string Output { get; init; } = "";

    public bool OutputTruncated { get; init; }

    public string? ProjectId { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>Terminal: the last attempt failed (a non-zero exit, OOMKilled, host down), or no attempt could run (the image, no valid host).</summary>
public sealed record JobFailed
{
    public Guid JobId { get; init; }

    /// <summary>The last attempt's exit code, when it ran to one.</summary>
    public int? ExitCode { get; init; }

    public string Reason { get; init; } = "";

    public int Attempts { get; init; }

    public string Output { get; init; } = "";

    public bool OutputTruncated { get; init; }

    public string? ProjectId { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>Terminal: the job's active deadline passed (its running attempt was killed), or it waited in Queued longer than the conductor allows.</summary>
public sealed record JobTimedOut
{
    public Guid JobId { get; init; }

    public int Attempts { get; init; }

    public string Reason { get; init; } = "";

    public string Output { get; init; } = "";

    public bool OutputTruncated { get; init; }

    public string? ProjectId { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>Terminal: a <see cref="CancelJob"/> ended the job (its running attempt was killed).</summary>
public sealed record JobCancelled
{
    public Guid JobId { get; init; }

    public Guid OperationId { get; init; }

    public int Attempts { get; init; }

    public string Output { get; init; } = "";

    public bool OutputTruncated { get; init; }

    public string? ProjectId { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
