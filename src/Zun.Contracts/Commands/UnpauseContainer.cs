namespace Zun.Contracts;

/// <summary>Resumes a paused container.</summary>
public sealed record UnpauseContainer : IContainerCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
