namespace Zun.Conductor.Placement;

/// <summary>A worker host as its latest heartbeat describes it.</summary>
public sealed record LiveWorker(
    string Host,
    string Endpoint,
    int Cpus,
    long MemoryMb,
    int RunningContainers,
    int TotalContainers,
    DateTimeOffset LastSeen);
