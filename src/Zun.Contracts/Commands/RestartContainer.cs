namespace Zun.Contracts;

/// <summary>Restarts a container: stops it (SIGTERM, then SIGKILL after the timeout) and starts it again.</summary>
public sealed record RestartContainer : IContainerCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    /// <summary>Seconds to wait for the container to exit before it is killed; the worker's default when absent.</summary>
    public int? TimeoutSeconds { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
