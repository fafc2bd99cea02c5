namespace Zun.Contracts.Hosts;

/// <summary>Everything a worker needs to create a container.</summary>
public sealed record ContainerSpec
{
    public string Image { get; init; } = "";

    public string[]? Command { get; init; }

    public string? Name { get; init; }

    public Dictionary<string, string>? Environment { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public double? Cpu { get; init; }

    public int? MemoryMb { get; init; }

    public string? Workdir { get; init; }

    public string? Hostname { get; init; }

    public string[]? Entrypoint { get; init; }

    public RestartPolicy? RestartPolicy { get; init; }

    public bool AutoRemove { get; init; }

    public string[]? ExposedPorts { get; init; }

    /// <summary>Normalised: <c>always</c>, <c>ifnotpresent</c> or <c>never</c>.</summary>
    public string ImagePullPolicy { get; init; } = "ifnotpresent";

    public string? Runtime { get; init; }

    public bool Interactive { get; init; }

    public bool Tty { get; init; }

    public bool Privileged { get; init; }

    public Healthcheck? Healthcheck { get; init; }

    public bool AutoHeal { get; init; }

    /// <summary>The container's volumes and injected files, resolved by the conductor.</summary>
    public VolumeMountSpec[]? Mounts { get; init; }
}
