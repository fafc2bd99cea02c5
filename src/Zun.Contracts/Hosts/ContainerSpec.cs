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
}
