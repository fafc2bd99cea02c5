namespace Zun.Hosting;

/// <summary><c>Zun:Readiness</c>: how a process tells scripts and supervisors that it is ready.</summary>
public sealed class ReadinessOptions
{
    public const string Section = "Zun:Readiness";

    /// <summary>When set, this file is written once the bus is connected and every endpoint is bound.</summary>
    public string? File { get; set; }
}
