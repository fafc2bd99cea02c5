namespace Zun.Conductor.Placement;

/// <summary>
/// What a new container needs of a host: the host or zone it asked for, its runtime and the labels its hints name, the
/// cpu limit Docker will enforce (which no host with fewer cores accepts), and the cpu and memory it claims.
/// </summary>
public sealed record PlacementRequest
{
    public Guid ContainerId { get; init; }

    public string? RequestedHost { get; init; }

    /// <summary>The zone the container must run in; null when any will do.</summary>
    public string? AvailabilityZone { get; init; }

    public string? Runtime { get; init; }

    /// <summary>The labels a host must have, from the hints <c>label:&lt;key&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The host of the Zun volumes the container mounts; null when it mounts none (or only its own).</summary>
    public string? VolumeHost { get; init; }

    /// <summary>Those volumes' names, for the reason a host is passed over.</summary>
    public IReadOnlyList<string> VolumeNames { get; init; } = [];

    /// <summary>The cpu limit the container asks Docker for; null for none.</summary>
    public double? CpuLimit { get; init; }

    /// <summary>The cpus the container claims: its limit, or the scheduler's default.</summary>
    public double Cpu { get; init; }

    /// <summary>The MiB the container claims: its limit, or the scheduler's default.</summary>
    public int MemoryMb { get; init; }

    /// <summary>The prefix of the scheduler hints that ask for a host label, as upstream's LabelFilter reads them.</summary>
    public const string LabelHintPrefix = "label:";

    /// <summary>The labels named by <paramref name="hints"/>; other hints are none of the filters' business.</summary>
    public static Dictionary<string, string> LabelsFrom(IReadOnlyDictionary<string, string>? hints) =>
        (hints ?? new Dictionary<string, string>())
            .Where(h => h.Key.StartsWith(LabelHintPrefix, StringComparison.Ordinal))
            .ToDictionary(h => h.Key[LabelHintPrefix.Length..], h => h.Value, StringComparer.Ordinal);
}
