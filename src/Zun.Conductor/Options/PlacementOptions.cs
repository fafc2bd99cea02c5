using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Options;

/// <summary>
/// <c>Zun:Scheduler</c> (upstream calls placement the scheduler; the durable message scheduler's settings share the
/// section under other names): how much of a host containers may claim, what a container claims when it asks for nothing, and
/// how hosts are ranked. Defaults are upstream's (<c>cpu_allocation_ratio</c>, <c>ram_allocation_ratio</c>,
/// <c>reserved_host_memory_mb</c>, <c>default_cpu</c>, <c>default_memory</c>, <c>default_schedule_zone</c>).
/// </summary>
public sealed class PlacementOptions : IValidatableObject
{
    public const string Section = "Zun:Scheduler";

    /// <summary>Claimable cpus per core of a host: containers rarely use their whole share at once.</summary>
    [Range(0.01, 1_000_000)]
    public double CpuAllocationRatio { get; set; } = 16.0;

    /// <summary>Claimable MiB per MiB of a host's memory, after <see cref="ReservedHostMemoryMb"/>.</summary>
    [Range(0.01, 1_000_000)]
    public double RamAllocationRatio { get; set; } = 1.5;

    /// <summary>Memory of each host kept for the host itself (its engine, its worker) and never claimed.</summary>
    [Range(0, int.MaxValue)]
    public int ReservedHostMemoryMb { get; set; } = 512;

    /// <summary>The cpus a container claims when its create asks for none (Docker then sets no limit).</summary>
    [Range(0, 1024)]
    public double DefaultCpu { get; set; } = 1.0;

    /// <summary>The MiB a container claims when its create asks for none (Docker then sets no limit).</summary>
    [Range(0, int.MaxValue)]
    public int DefaultMemoryMb { get; set; } = 512;

    /// <summary>The zone of a worker that names none, and the zone a create asking for none is placed in.</summary>
    [Required, RegularExpression("^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$")]
    public string DefaultAvailabilityZone { get; set; } = "nova";

    /// <summary>
    /// Whether a create that asks for no zone must run in <see cref="DefaultAvailabilityZone"/> (upstream's
    /// <c>default_schedule_zone</c> when set), or may go to any zone (the default, as upstream leaves it unset).
    /// </summary>
    public bool ScheduleInDefaultZone { get; set; }

    /// <summary><c>Spread</c> (the default): the host with the most room left first; <c>Pack</c>: the fullest that fits.</summary>
    public HostWeigher Weigher { get; set; } = HostWeigher.Spread;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Weigher))
            yield return new ValidationResult($"{Section}:{nameof(Weigher)} must be Spread or Pack, got {Weigher}", [nameof(Weigher)]);
    }
}

/// <summary>How the scheduler ranks the hosts a container fits on.</summary>
public enum HostWeigher
{
    /// <summary>The host with the largest free share of cpu and memory first: load evens out across the fleet.</summary>
    Spread,

    /// <summary>The host with the smallest free share that still fits first: whole hosts stay free for large containers.</summary>
    Pack,
}
