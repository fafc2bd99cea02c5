namespace Zun.Contracts;

/// <summary>Saves a container's file system as an image. A running container is paused while it is committed.</summary>
public sealed record CommitContainer : IContainerCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    /// <summary>Repository of the new image, e.g. <c>127.0.0.1:5000/team/app</c>.</summary>
    public string Repository { get; init; } = "";

    /// <summary>Tag of the new image; <c>latest</c> when absent.</summary>
    public string? Tag { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
