namespace Zun.Contracts;

/// <summary>
/// Creates a container (and starts it when <see cref="Run"/> is set). The client chooses
/// <see cref="ContainerId"/>, so it can follow up on the container at once.
/// </summary>
public sealed record CreateContainer : IContainerCommand
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

    /// <summary>
    /// The availability zone the container must run in (a worker's <c>Zun:Worker:AvailabilityZone</c>); the conductor's
    /// <c>Zun:Scheduler:DefaultAvailabilityZone</c> when none is given.
    /// </summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>
    /// Scheduler hints, as upstream's <c>hints</c>: <c>label:&lt;key&gt;</c> = value asks for a host whose labels have it.
    /// </summary>
    public Dictionary<string, string>? Hints { get; init; }

    /// <summary>Overrides the image's entrypoint.</summary>
    public string[]? Entrypoint { get; init; }

    public RestartPolicy? RestartPolicy { get; init; }

    /// <summary>Remove the container when its process exits.</summary>
    public bool AutoRemove { get; init; }

    /// <summary>Container ports to publish on the host (<c>80/tcp</c>, <c>53/udp</c>, <c>8080</c>); host ports are assigned by Docker.</summary>
    public string[]? ExposedPorts { get; init; }

    /// <summary><c>always</c>, <c>ifnotpresent</c> (default) or <c>never</c>, in any case.</summary>
    public string? ImagePullPolicy { get; init; }

    /// <summary>OCI runtime, e.g. <c>runc</c>; the engine's default when absent.</summary>
    public string? Runtime { get; init; }

    /// <summary>Keep stdin open.</summary>
    public bool Interactive { get; init; }

    public bool Tty { get; init; }

    /// <summary>Refused unless the conductor's <c>Zun:Policy:AllowPrivileged</c> is true.</summary>
    public bool Privileged { get; init; }

    /// <summary>
    /// A container that vanishes from its host (removed outside Zun, or lost with the engine's data) is rebuilt there with
    /// the same id and spec, as an operation of its own, instead of being left in Error (upstream's <c>auto_heal</c>).
    /// </summary>
    public bool AutoHeal { get; init; }

    /// <summary>Docker's health check of the container; its health shows in <see cref="ContainerInfo.Health"/> and status events.</summary>
    public Healthcheck? Healthcheck { get; init; }

    /// <summary>Volumes to mount and files to inject (upstream's <c>mounts</c>).</summary>
    public ContainerMount[]? Mounts { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
