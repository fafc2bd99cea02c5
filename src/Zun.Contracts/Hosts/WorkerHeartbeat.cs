namespace Zun.Contracts.Hosts;

/// <summary>A worker is alive, where to reach it, and what it has room for.</summary>
public sealed record WorkerHeartbeat
{
    public string Host { get; init; } = "";

    /// <summary>The worker's receive endpoint; work is sent to <c>exchange:&lt;Endpoint&gt;</c>.</summary>
    public string Endpoint { get; init; } = "";

    public int Cpus { get; init; }

    public long MemoryMb { get; init; }

    public int RunningContainers { get; init; }

    public int TotalContainers { get; init; }

    /// <summary>The availability zone the worker is in (<c>Zun:Worker:AvailabilityZone</c>); null from older workers.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>
    /// What the operator says the host offers (<c>Zun:Worker:Labels:&lt;key&gt;</c>), over the engine's own labels of the
    /// same key; scheduler hints <c>label:&lt;key&gt;</c> match them.
    /// </summary>
    public Dictionary<string, string> Labels { get; init; } = [];

    /// <summary>What the host is; read when the worker starts and again with each inventory. Null from older workers.</summary>
    public HostPlatform? Platform { get; init; }

    /// <summary>
    /// Since when the worker cannot reach its container engine (a restart, a crash); null while it can. The worker keeps
    /// its work waiting for the engine meanwhile, and the conductor places nothing on the host.
    /// </summary>
    public DateTimeOffset? EngineUnreachableSince { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
