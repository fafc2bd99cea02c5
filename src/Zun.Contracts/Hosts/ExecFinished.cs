namespace Zun.Contracts.Hosts;

/// <summary>
/// Worker to conductor: an exec the conductor accepted has run, with <see cref="ExitCode"/>, or could not run, for
/// <see cref="Failure"/>. The client has its <see cref="ExecResult"/> already; this ends the exec operation.
/// </summary>
public sealed record ExecFinished
{
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    public string Host { get; init; } = "";

    public int? ExitCode { get; init; }

    /// <summary>Why the command did not run; null when it ran, whatever its exit code.</summary>
    public string? Failure { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
