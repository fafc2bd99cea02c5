namespace Zun.Contracts.Hosts;

/// <summary>
/// Worker to conductor: Docker reported a change to a Zun container, whoever made it (an exit,
/// an OOM kill, a restart by policy, <c>docker kill</c> or <c>docker rm</c> from outside).
/// </summary>
public sealed record ContainerObserved
{
    public Guid ContainerId { get; init; }

    public string Host { get; init; } = "";

    /// <summary>Docker's event (<c>start</c>, <c>die</c>, <c>oom</c>, <c>destroy</c>, <c>pause</c>, ...) or <c>sync</c> for a periodic check.</summary>
    public string Event { get; init; } = "";

    /// <summary>The container's status afterwards; absent when it no longer exists.</summary>
    public ContainerStatus? Status { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Docker's reason, e.g. <c>OOMKilled</c>.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Docker's health of a container with a health check (<c>starting</c>, <c>healthy</c>, <c>unhealthy</c>).</summary>
    public string? Health { get; init; }

    /// <summary>The container no longer exists in Docker.</summary>
    public bool Vanished { get; init; }

    /// <summary>Whether it was created with auto-remove (so vanishing after its exit is expected).</summary>
    public bool AutoRemove { get; init; }

    /// <summary>When Docker reported it, by the worker's clock.</summary>
    public DateTimeOffset ObservedAt { get; init; }
}
