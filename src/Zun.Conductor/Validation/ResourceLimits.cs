namespace Zun.Conductor.Validation;

/// <summary>
/// What a container's cpu and memory are held to: the bounds from the conductor's settings (<c>Zun:Limits</c>; without
/// them, only Docker's own minimums and <paramref name="MaxMemoryMb"/>), and the cores of the host it would run on, when
/// the conductor knows that host (<see cref="Cores"/> is null otherwise).
/// </summary>
internal sealed record ResourceLimits(int MaxMemoryMb, HostCores? Cores)
{
    public int MinMemoryMb { get; init; } = CommandValidator.MinimumMemoryMb;

    public double MinCpu { get; init; } = CommandValidator.MinimumCpu;

    public double? MaxCpu { get; init; }

    /// <summary>The bounds of <paramref name="options"/>, with the cores of the host when known.</summary>
    public static ResourceLimits Of(Options.LimitsOptions options, HostCores? cores) =>
        new(options.MaxMemoryMb, cores) { MinMemoryMb = options.MinMemoryMb, MinCpu = options.MinCpu, MaxCpu = options.MaxCpu };

    /// <summary>Null when both fit; otherwise why not, naming the field.</summary>
    public string? Check(double? cpu, int? memoryMb) =>
        CommandValidator.Memory(memoryMb, MinMemoryMb, MaxMemoryMb) ?? CommandValidator.Cpu(cpu, MinCpu, MaxCpu, Cores);
}
