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

    /// <summary>When the conductor last heard the host's heartbeat.</summary>
    public DateTimeOffset LastSeen { get; init; }
}
