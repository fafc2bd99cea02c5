namespace Zun.Contracts.Hosts;

/// <summary>
/// Conductor to worker: carry out one accepted operation on a container of this host.
/// The worker answers with <see cref="ContainerActionCompleted"/> or <see cref="ContainerActionFailed"/>.
/// </summary>
public sealed record PerformContainerAction
{
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    public string Host { get; init; } = "";

    /// <summary>
    /// When the conductor gives up on the operation (it ends <c>TimedOut</c>); the worker waits for an unreachable engine
    /// no longer than this. Null from older conductors.
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>For <see cref="ContainerAction.Create"/> and <see cref="ContainerAction.Rebuild"/> (with the image to rebuild from).</summary>
    public ContainerSpec? Spec { get; init; }

    /// <summary>For create: start the container once created.</summary>
    public bool Run { get; init; }

    public int? TimeoutSeconds { get; init; }

    public string? Signal { get; init; }

    public bool Force { get; init; }

    public bool Stop { get; init; }

    /// <summary>For update: the new CPU limit in cores.</summary>
    public double? Cpu { get; init; }

    /// <summary>For update: the new memory limit in MiB.</summary>
    public int? MemoryMb { get; init; }

    /// <summary>For commit: the repository and tag of the new image.</summary>
    public string? Repository { get; init; }

    public string? Tag { get; init; }
}
