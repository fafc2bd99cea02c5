namespace Zun.Contracts;

/// <summary>Changes a container's resource limits while it runs (or before it starts).</summary>
public sealed record UpdateContainer : IContainerCommand
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    /// <summary>New CPU limit in cores.</summary>
    public double? Cpu { get; init; }

    /// <summary>New memory limit in MiB.</summary>
    public int? MemoryMb { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
