using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Options;

/// <summary><c>Zun:Conductor</c>: the conductor's endpoints and its view of the worker fleet.</summary>
public sealed class ConductorOptions
{
    public const string Section = "Zun:Conductor";

    /// <summary>Queue of the container state machine; commands and worker outcomes arrive here.</summary>
    [Required, RegularExpression("^[a-zA-Z0-9_.-]+$")]
    public string Endpoint { get; set; } = "zun-conductor";

    /// <summary>A worker whose last heartbeat is older than this is not given new containers.</summary>
    [Range(1, 3600)]
    public int WorkerLivenessSeconds { get; set; } = 15;

    /// <summary>Messages the conductor's endpoints process at once (per endpoint).</summary>
    [Range(1, 1024)]
    public int ConcurrencyLimit { get; set; } = 32;

    internal TimeSpan WorkerLiveness => TimeSpan.FromSeconds(WorkerLivenessSeconds);
}
