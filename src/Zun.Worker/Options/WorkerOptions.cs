using System.ComponentModel.DataAnnotations;
using Zun.Hosting;

namespace Zun.Worker.Options;

/// <summary><c>Zun:Worker</c>: who this worker is and how much it takes on.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Zun:Worker";

    /// <summary>The host name the conductor places containers on; the machine name by default.</summary>
    [Required, RegularExpression("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", ErrorMessage = "Zun:Worker:Host must be a host name (letters, digits, '_', '.', '-')")]
    public string Host { get; set; } = Environment.MachineName;

    /// <summary>The availability zone this host is in, which creates may ask for; the conductor's default zone when unset.</summary>
    [RegularExpression("^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$", ErrorMessage = "Zun:Worker:AvailabilityZone must be a zone name (letters, digits, '_', '.', ':', '-')")]
    public string? AvailabilityZone { get; set; }

    /// <summary>
    /// What this host offers, as <c>Zun:Worker:Labels:&lt;key&gt;</c> = value (over the engine's own labels of the same key):
    /// creates ask for them with the hint <c>label:&lt;key&gt;</c>.
    /// </summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>The worker's receive endpoint; <c>zun-worker-&lt;host&gt;</c> by default.</summary>
    [RegularExpression("^[a-zA-Z0-9_.-]*$")]
    public string? Endpoint { get; set; }

    /// <summary>
    /// <c>Docker</c> (the default) or <c>Null</c>: a runtime that creates no real container, for benchmarks and scale
    /// tests of the control plane only.
    /// </summary>
    public ContainerRuntimeKind Runtime { get; set; } = ContainerRuntimeKind.Docker;

    [Range(1, 3600)]
    public int HeartbeatIntervalSeconds { get; set; } = 5;

    /// <summary>Actions carried out at once; Docker itself is the bottleneck well before this matters.</summary>
    [Range(1, 256)]
    public int ConcurrentActions { get; set; } = 8;

    /// <summary>Stop timeout when a command gives none (Docker's default is 10 s).</summary>
    [Range(0, 3600)]
    public int DefaultStopTimeoutSeconds { get; set; } = 10;

    /// <summary>How long a kill with a terminating signal waits for the container to exit.</summary>
    [Range(1, 3600)]
    public int KillWaitSeconds { get; set; } = 10;

    /// <summary>The host address on which exposed ports are published (Docker picks the host port); all addresses by default.</summary>
    [Required]
    public string PublishAddress { get; set; } = "0.0.0.0";

    /// <summary>How long an exec may run before it is answered without its exit code, when the request gives no timeout.</summary>
    [Range(1, 86400)]
    public int ExecTimeoutSeconds { get; set; } = 60;

    /// <summary>The most output an exec or a log read returns; beyond it the answer is cut and marked truncated.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxOutputBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest tar archive a get_archive returns or a put_archive extracts; a larger one is refused, naming this
    /// setting. An archive travels whole in one message, base64-encoded (4/3 of its size), and is held in memory whole
    /// on its way: 32 MiB is about 43 MiB on the wire, a third of RabbitMQ 3.x's 128 MiB <c>max_message_size</c>. The
    /// most, <see cref="ArchiveLimits.MaxArchiveBytes"/>, still fits under that with room for the envelope; RabbitMQ 4.x's default of 16 MiB needs a setting
    /// of at most 11 MiB, or a larger <c>max_message_size</c>.
    /// </summary>
    [Range(1024, ArchiveLimits.MaxArchiveBytes)]
    public int MaxArchiveBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>How often the worker publishes its full inventory, catching changes whose Docker events were missed.</summary>
    [Range(1, 86400)]
    public int SyncIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// How long an operation that finds the engine unreachable (its socket refused or missing, as while dockerd
    /// restarts) waits for it to answer again before it fails, never past the operation's deadline; 0 does not wait.
    /// </summary>
    [Range(0, 3600)]
    public int EngineOutageSeconds { get; set; } = 60;

    internal TimeSpan EngineOutageWindow => TimeSpan.FromSeconds(EngineOutageSeconds);

    internal string EndpointName => string.IsNullOrEmpty(Endpoint) ? $"zun-worker-{Host.ToLowerInvariant()}" : Endpoint;
}
