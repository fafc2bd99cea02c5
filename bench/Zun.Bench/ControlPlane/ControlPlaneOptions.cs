namespace Zun.Bench.ControlPlane;

/// <summary>How the control plane is loaded.</summary>
internal sealed record ControlPlaneOptions
{
    public IReadOnlyList<double> Rates { get; init; } = [50, 100, 200, 300, 500, 1000, 2000];

    /// <summary>Closed-loop load before any measurement, until tiered compilation has optimised the hot paths.</summary>
    public TimeSpan WarmupLoad { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The first seconds of each open-loop level, sent but not measured.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Measured { get; init; } = TimeSpan.FromSeconds(15);

    public int ClosedLoopConcurrency { get; init; } = 256;

    public TimeSpan ClosedLoopMeasured { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Once a level is saturated, higher levels only pile up a longer queue; skip them unless asked.</summary>
    public bool StopAtSaturation { get; init; } = true;

    public IReadOnlyList<string> Stores { get; init; } = ["Sqlite", "MongoDb"];

    /// <summary>Extra conductor settings (for experiments such as <c>Zun:Conductor:ConcurrencyLimit=64</c>).</summary>
    public IReadOnlyDictionary<string, string> ConductorSettings { get; init; } = new Dictionary<string, string>();
}
