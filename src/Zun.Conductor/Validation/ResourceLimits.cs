namespace Zun.Conductor.Validation;

/// <summary>
/// What a container's cpu and memory are held to: <see cref="MaxMemoryMb"/> from the conductor's settings, and the cores
/// of the host it would run on, when the conductor knows that host (<see cref="Cores"/> is null otherwise).
/// </summary>
internal sealed record ResourceLimits(int MaxMemoryMb, HostCores? Cores)
{
    /// <summary>Null when both fit; otherwise why not, naming the field.</summary>
    public string? Check(double? cpu, int? memoryMb) => CommandValidator.Memory(memoryMb, MaxMemoryMb) ?? CommandValidator.Cpu(cpu, Cores);
}
