namespace Zun.Contracts;

/// <summary>
/// Runs <see cref="Image"/> to completion as a batch job: each attempt is a Zun container whose exit code, and the tail
/// of whose output, end the attempt; a failed attempt is tried again while attempts remain. Exactly one of
/// <see cref="JobSucceeded"/>, <see cref="JobFailed"/>, <see cref="JobTimedOut"/> and <see cref="JobCancelled"/> ends
/// an accepted job; a job refused before it is accepted ends, like every refused command, in an
/// <see cref="OperationRejected"/> for <see cref="OperationId"/>.
/// </summary>
public sealed record RunJob : IZunCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    /// <summary>Chosen by the client, so that it can follow the job at once.</summary>
    public Guid JobId { get; init; }

    public string Image { get; init; } = "";

    public string[]? Command { get; init; }

    public string[]? Entrypoint { get; init; }

    /// <summary>The attempt's environment also has <c>ZUN_JOB_ID</c> and <c>ZUN_JOB_ATTEMPT</c> (1, 2, ...).</summary>
    public Dictionary<string, string>? Environment { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public double? Cpu { get; init; }

    public int? MemoryMb { get; init; }

    public string? Workdir { get; init; }

    public string? Host { get; init; }

    public string? AvailabilityZone { get; init; }

    /// <summary>How long the job may run, counted from its first attempt's start; past it the attempt is killed and the job ends TimedOut.</summary>
    public int? ActiveDeadlineSeconds { get; init; }

    /// <summary>How many attempts a failing job gets in all (1 to 100).</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>The wait before the next attempt, doubled after each failed one.</summary>
    public int RetryBackoffSeconds { get; init; }

    /// <summary>How much of the end of each attempt's output (stdout and stderr) is kept with the job.</summary>
    public int KeepOutputBytes { get; init; } = 64 * 1024;

    /// <summary>Delete each attempt's container once the attempt has ended; otherwise keep it.</summary>
    public bool RemoveContainer { get; init; } = true;

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
