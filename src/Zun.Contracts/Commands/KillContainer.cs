namespace Zun.Contracts;

/// <summary>Sends a signal to a running container's main process.</summary>
public sealed record KillContainer : IContainerCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    /// <summary>Signal name (SIGKILL, SIGTERM, ...) or number; SIGKILL when absent.</summary>
    public string? Signal { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
