using System.ComponentModel.DataAnnotations;

namespace Zun.Conductor.Options;

/// <summary><c>Zun:Volumes</c>: the bounds of volumes and of the mounts a create may ask for.</summary>
public sealed class VolumeOptions
{
    public const string Section = "Zun:Volumes";

    /// <summary>
    /// The largest file a <c>bind</c> mount may inject, in bytes once decoded (default 64 KiB). It travels inside the
    /// container's spec, in every create and rebuild message and in the container's record, so it stays small.
    /// </summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxInjectedFileBytes { get; set; } = 64 * 1024;

    /// <summary>The most mounts one container may have (default 16).</summary>
    [Range(1, 256)]
    public int MaxMounts { get; set; } = 16;

    /// <summary>The largest size a volume may be given, in GiB (default 1,024). Recorded, not enforced by Docker's local driver.</summary>
    [Range(1, int.MaxValue)]
    public int MaxSizeGb { get; set; } = 1024;

    /// <summary>
    /// Remove Docker volumes labelled as Zun volumes that Zun has no record of, once older than
    /// <c>Zun:Conductor:OrphanGraceSeconds</c>. Off by default: an orphaned volume may hold the only copy of some data, so
    /// it is reported (a warning per inventory) and left for an operator.
    /// </summary>
    public bool RemoveOrphans { get; set; }

    /// <summary>How long the conductor waits for a worker to make or remove a Docker volume (default 30 s).</summary>
    [Range(1, 3600)]
    public int HostTimeoutSeconds { get; set; } = 30;
}
