namespace Zun.Contracts;

/// <summary>
/// Creates a container (and starts it when <see cref="Run"/> is set). The client chooses
/// <see cref="ContainerId"/>, so it can follow up on the container at once.
/// </summary>
public sealed record CreateContainer
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    public Guid OperationId { get; init; }

    public Guid ContainerId { get; init; }

    /// <summary>Image reference, for example <c>127.0.0.1:5000/busybox:latest</c>.</summary>
    public string Image { get; init; } = "";

    public string[]? Command { get; init; }

    public string? Name { get; init; }

    public Dictionary<string, string>? Environment { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    /// <summary>CPU limit in cores (0.5 is half a core).</summary>
    public double? Cpu { get; init; }

    public int? MemoryMb { get; init; }

    public string? Workdir { get; init; }

    public string? Hostname { get; init; }

    /// <summary>Start the container once it is created.</summary>
    public bool Run { get; init; }

    /// <summary>Pins the container to this worker host; otherwise the conductor picks one.</summary>
    public string? Host { get; init; }

    public string? ProjectId { get; init; }

    public string? UserId { get; init; }
}
