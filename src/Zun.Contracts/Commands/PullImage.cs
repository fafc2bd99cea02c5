namespace Zun.Contracts;

/// <summary>Pulls an image onto a worker host, ahead of the containers that will use it.</summary>
public sealed record PullImage : IZunCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public string Image { get; init; } = "";

    /// <summary>The worker host to pull on; otherwise the conductor picks a live one.</summary>
    public string? Host { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
