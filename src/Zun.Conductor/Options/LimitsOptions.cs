using System.ComponentModel.DataAnnotations;
using Zun.Conductor.Validation;

namespace Zun.Conductor.Options;

/// <summary><c>Zun:Limits</c>: the most a container may ask for, whatever the host would allow.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Zun:Limits";

    /// <summary>
    /// The largest memory limit a create or update may ask for, in MiB. Docker accepts a limit above the host's memory
    /// (2 PiB was accepted and ran), so this is where a typo or an overflow is caught. Default 1 TiB.
    /// </summary>
    [Range(CommandValidator.MinimumMemoryMb, int.MaxValue)]
    public int MaxMemoryMb { get; set; } = 1024 * 1024;
}
