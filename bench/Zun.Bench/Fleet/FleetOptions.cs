namespace Zun.Bench.Fleet;

/// <summary>How big the fleet is and how it is measured.</summary>
internal sealed record FleetOptions
{
    public int Hosts { get; init; } = 50;

    public int Containers { get; init; } = 10_000;

    /// <summary>Creates per stage; the histogram is read between stages, and the first stage is the warm-up.</summary>
    public int Stage { get; init; } = 1_000;

    /// <summary>Creates offered per second while filling (open loop).</summary>
    public double Rate { get; init; } = 50;

    /// <summary>Each window with nothing happening but heartbeats (and one with none).</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(40);

    public int ListRequests { get; init; } = 20;

    public int Restarts { get; init; } = 3;

    /// <summary>Containers created on a single host for the comparison; 0 leaves it out.</summary>
    public int SingleHostContainers { get; init; } = 1_000;
}
