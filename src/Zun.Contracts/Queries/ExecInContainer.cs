namespace Zun.Contracts;

/// <summary>
/// Runs a command inside a running container and waits for it; answered with <see cref="ExecResult"/>,
/// <see cref="RequestRejected"/> or <see cref="ContainerNotFound"/>.
/// </summary>
public sealed record ExecInContainer : ICallerScope
{
    /// <summary>Identifies the exec in logs and notifications; optional.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    public string[] Command { get; init; } = [];

    /// <summary>How long the command may run before the answer is given without its exit code; the worker's default when absent.</summary>
    public int? TimeoutSeconds { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
