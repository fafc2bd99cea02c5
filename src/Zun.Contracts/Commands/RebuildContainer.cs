namespace Zun.Contracts;

/// <summary>Recreates a container with the same id from its image (or a new one); it runs again afterwards if it was running.</summary>
public sealed record RebuildContainer : IContainerCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    /// <summary>Image to rebuild from; the container's current image when absent.</summary>
    public string? Image { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
