namespace Zun.Contracts;

/// <summary>One attempt of a job: the container it ran as, where, and how it ended.</summary>
public sealed record JobAttempt
{
    /// <summary>1 for the first attempt.</summary>
    public int Number { get; init; }

    public Guid ContainerId { get; init; }

    public string? Host { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Why the attempt failed (a non-zero exit, OOMKilled, host down, the image); null while it runs and when it succeeded.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
