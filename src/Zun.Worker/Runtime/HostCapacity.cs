namespace Zun.Worker.Runtime;

/// <summary>What a host has and how many of Zun's containers it holds.</summary>
public sealed record HostCapacity(int Cpus, long MemoryMb, int RunningContainers, int TotalContainers);
