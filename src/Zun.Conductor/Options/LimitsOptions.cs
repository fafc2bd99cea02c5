using System.ComponentModel.DataAnnotations;
using Zun.Conductor.Validation;

namespace Zun.Conductor.Options;

/// <summary>
/// <c>Zun:Limits</c>: the least and the most cpu and memory a create or update may ask for, whatever the host would
/// allow (upstream's <c>minimum_cpus</c>, <c>maximum_cpus</c>, <c>minimum_memory</c>, <c>maximum_memory</c>).
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Zun:Limits";

    /// <summary>
    /// The largest memory limit a create or update may ask for, in MiB. Docker accepts a limit above the host's memory
    /// (2 PiB was accepted and ran), so this is where a typo or an overflow is caught. Default 1 TiB.
    /// </summary>
    [Range(CommandValidator.MinimumMemoryMb, int.MaxValue)]
    public int MaxMemoryMb { get; set; } = 1024 * 1024;

    /// <summary>
    /// The smallest memory limit, in MiB. Upstream's is 4; Docker refuses a limit under 6 MiB, so that is the default and
    /// the least this may be set to.
    /// </summary>
    [Range(CommandValidator.MinimumMemoryMb, int.MaxValue)]
    public int MinMemoryMb { get; set; } = CommandValidator.MinimumMemoryMb;

    /// <summary>The smallest cpu limit, in cores (upstream's 0.1). Docker accepts down to a hundredth.</summary>
    [Range(CommandValidator.MinimumCpu, 1_000_000)]
    public double MinCpu { get; set; } = 0.1;

    /// <summary>The largest cpu limit, in cores (upstream's 16), beside the cores of the host it runs on.</summary>
    [Range(CommandValidator.MinimumCpu, 1_000_000)]
    public double MaxCpu { get; set; } = 16;
}
