namespace Zun.Contracts;

/// <summary>What an exec printed (stdout and stderr interleaved) and how it ended.</summary>
public sealed record ExecResult
{
    public Guid ContainerId { get; init; }

    /// <summary>The command's exit code; null when it was still running at the timeout.</summary>
    public int? ExitCode { get; init; }

    public string Output { get; init; } = "";

    /// <summary>Output beyond the worker's limit was cut off.</summary>
    public bool Truncated { get; init; }

    public bool TimedOut { get; init; }
}
