using Zun.Contracts.Hosts;

namespace Zun.Contracts;

/// <summary>A worker host as its latest heartbeat describes it.</summary>
public sealed record WorkerHost
{
    public string Host { get; init; } = "";

    /// <summary>The worker's receive endpoint.</summary>
    public string Endpoint { get; init; } = "";

    public int Cpus { get; init; }

    public long MemoryMb { get; init; }

    public int RunningContainers { get; init; }

    public int TotalContainers { get; init; }

    /// <summary>When the conductor last heard the host's heartbeat; the default for a host not heard since the conductor started.</summary>
    public DateTimeOffset LastSeen { get; init; }

    /// <summary>The host's heartbeat was heard within the conductor's liveness window; a silent host is down.</summary>
    public bool Up { get; init; }

    /// <summary>When the host's worker process started, as its heartbeats say.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>How many of the host's heartbeats this conductor has heard since it started.</summary>
    public long Heartbeats { get; init; }

    /// <summary>What the host is (architecture, operating system, kernel, labels); null when its worker does not say.</summary>
    public HostPlatform? Platform { get; init; }

    /// <summary>The zone the worker reports (<c>Zun:Worker:AvailabilityZone</c>), or the conductor's default zone.</summary>
    public string AvailabilityZone { get; init; } = "";

    /// <summary>The labels scheduler hints can ask for: the operator's over the engine's.</summary>
    public Dictionary<string, string> Labels { get; init; } = [];

    /// <summary>The cpus and MiB the host's containers claim (<c>cpu_used</c>, <c>mem_used</c> upstream).</summary>
    public double CpuUsed { get; init; }

    public long MemoryUsedMb { get; init; }

    /// <summary>The cpus and MiB containers may claim on the host: its cores and memory after the reserve, times the allocation ratios.</summary>
    public double CpuClaimable { get; init; }

    public long MemoryClaimableMb { get; init; }

    public bool Disabled { get; init; }

    public string? DisabledReason { get; init; }

    public bool ForcedDown { get; init; }
}
