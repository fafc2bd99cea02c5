namespace Zun.Contracts;

/// <summary>A container as the conductor knows it.</summary>
public sealed record ContainerInfo
{
    public Guid ContainerId { get; init; }

    public string? Name { get; init; }

    public string Image { get; init; } = "";

    public string[]? Command { get; init; }

    public ContainerStatus Status { get; init; }

    public TaskState? TaskState { get; init; }

    public string? StatusReason { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The worker host the container lives on, once placed.</summary>
    public string? Host { get; init; }

    public double? Cpu { get; init; }

    public int? MemoryMb { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public string[]? Entrypoint { get; init; }

    public RestartPolicy? RestartPolicy { get; init; }

    public bool AutoRemove { get; init; }

    /// <summary>Ports published on the host, with the host ports Docker assigned.</summary>
    public PublishedPort[] Ports { get; init; } = [];

    public bool Privileged { get; init; }

    public Healthcheck? Healthcheck { get; init; }

    public bool AutoHeal { get; init; }

    /// <summary>Docker's health of a container with a health check (<c>starting</c>, <c>healthy</c>, <c>unhealthy</c>); null without one.</summary>
    public string? Health { get; init; }

    public Dictionary<string, string>? Environment { get; init; }

    public string? Workdir { get; init; }

    public string? Hostname { get; init; }

    /// <summary>The OCI runtime the container runs under, when the create named one.</summary>
    public string? Runtime { get; init; }

    /// <summary><c>always</c>, <c>ifnotpresent</c> or <c>never</c>.</summary>
    public string? ImagePullPolicy { get; init; }

    public bool Interactive { get; init; }

    public bool Tty { get; init; }

    public string? ProjectId { get; init; }

    public string? UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The most recent operations on the container, oldest first.</summary>
    public OperationSummary[] RecentOperations { get; init; } = [];
}
