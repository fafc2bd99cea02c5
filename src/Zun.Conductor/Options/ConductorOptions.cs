using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Options;

/// <summary><c>Zun:Conductor</c>: the conductor's endpoints and its view of the worker fleet.</summary>
public sealed class ConductorOptions : IValidatableObject
{
    public const string Section = "Zun:Conductor";

    private const int LongestDeadlineSeconds = 86_400;

    /// <summary>Queue of the container state machine; commands and worker outcomes arrive here.</summary>
    [Required, RegularExpression("^[a-zA-Z0-9_.-]+$")]
    public string Endpoint { get; set; } = "zun-conductor";

    /// <summary>A worker whose last heartbeat is older than this is not given new containers.</summary>
    [Range(1, 3600)]
    public int WorkerLivenessSeconds { get; set; } = 15;

    /// <summary>
    /// A worker silent this long is down: its containers become Unknown ("host &lt;name&gt; is down") and take no command
    /// but a forced delete until it reports again. Upstream's <c>service_down_time</c> is 180 s.
    /// </summary>
    [Range(1, 86_400)]
    public int HostDownSeconds { get; set; } = 60;

    /// <summary>
    /// How long a silent worker is still listed (down, with when it was last seen) before this conductor forgets it.
    /// Upstream keeps a service's row until an operator deletes it; Zun has no service delete yet, so the bound keeps
    /// a fleet whose host names come and go (hosts replaced, renamed, scaled away) from growing without end. A week
    /// covers a host that went down over a weekend. Below <see cref="WorkerLivenessSeconds"/>, silent workers vanish
    /// instead of showing down.
    /// </summary>
    [Range(1, 31_536_000)]
    public int ForgetWorkerAfterSeconds { get; set; } = 604_800;

    /// <summary>Messages the conductor's endpoints process at once (per endpoint).</summary>
    [Range(1, 1024)]
    public int ConcurrencyLimit { get; set; } = 32;

    /// <summary>
    /// Remove containers labelled as Zun's that Zun has no live record of, once they are older than
    /// <see cref="OrphanGraceSeconds"/>. OpenStack Zun leaves them running.
    /// </summary>
    public bool RemoveOrphans { get; set; } = true;

    /// <summary>How old an unknown container must be before it counts as an orphan.</summary>
    [Range(0, 86_400)]
    public int OrphanGraceSeconds { get; set; } = 300;

    /// <summary>How long a dispatched operation may take before it ends TimedOut, unless listed in <see cref="OperationDeadlineSeconds"/>.</summary>
    [Range(1, LongestDeadlineSeconds)]
    public int DefaultOperationDeadlineSeconds { get; set; } = 120;

    /// <summary>
    /// How long an operation may wait for a live worker to be placed on (a create, or an image pull, before it is
    /// dispatched) before it ends TimedOut saying which host it waited for, or why no worker could be chosen. Long
    /// enough to ride out a worker's restart; short enough that a create pinned to a host that does not exist ends.
    /// </summary>
    [Range(1, LongestDeadlineSeconds)]
    public int PlacementDeadlineSeconds { get; set; } = 120;

    /// <summary>Deadlines per action (<c>Create</c>, <c>PullImage</c>, <c>Commit</c>, ...), in seconds.</summary>
    public Dictionary<string, int> OperationDeadlineSeconds { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Create"] = 300,
        ["Rebuild"] = 300,
        ["Commit"] = 300,
        ["PullImage"] = 600,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A zero or negative deadline would end every such operation the moment it is dispatched.
        foreach (var (action, seconds) in OperationDeadlineSeconds)
        {
            if (seconds is < 1 or > LongestDeadlineSeconds)
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(OperationDeadlineSeconds)}:{action} must be between 1 and {LongestDeadlineSeconds}, got {seconds}",
                    [nameof(OperationDeadlineSeconds)]);
            }
        }
    }

    internal TimeSpan WorkerLiveness => TimeSpan.FromSeconds(WorkerLivenessSeconds);

    internal TimeSpan HostDown => TimeSpan.FromSeconds(HostDownSeconds);

    internal TimeSpan ForgetWorkerAfter => TimeSpan.FromSeconds(ForgetWorkerAfterSeconds);

    internal TimeSpan PlacementDeadline => TimeSpan.FromSeconds(PlacementDeadlineSeconds);

    /// <summary>The deadline of an action; stop and restart also get the container's own stop timeout.</summary>
    /// <remarks>Added as <see cref="TimeSpan"/>s, not as ints: two large ints wrap to a negative sum, a deadline already past.</remarks>
    internal TimeSpan DeadlineFor(Zun.Contracts.ContainerAction action, int? stopTimeoutSeconds = null) =>
        TimeSpan.FromSeconds(OperationDeadlineSeconds.TryGetValue(action.ToString(), out var seconds) ? seconds : DefaultOperationDeadlineSeconds)
        + TimeSpan.FromSeconds(stopTimeoutSeconds ?? 0);
}
