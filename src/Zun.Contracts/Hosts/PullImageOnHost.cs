namespace Zun.Contracts.Hosts;

/// <summary>Conductor to worker: pull an image; answered with <see cref="ImagePulled"/> or <see cref="ImagePullFailed"/>.</summary>
public sealed record PullImageOnHost
{
    public Guid OperationId { get; init; }

    public string Image { get; init; } = "";

    public string Host { get; init; } = "";

    /// <summary>When the conductor gives up on the pull; the worker waits for an unreachable engine no longer than this.</summary>
    public DateTimeOffset? Deadline { get; init; }
}
