namespace Zun.Contracts;

/// <summary>Deletes a container. A running container needs <see cref="Stop"/> or <see cref="Force"/>.</summary>
public sealed record DeleteContainer : IContainerCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    /// <summary>Delete whatever the status, killing the container if it runs.</summary>
    public bool Force { get; init; }

    /// <summary>Stop a running container first, then delete it.</summary>
    public bool Stop { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
