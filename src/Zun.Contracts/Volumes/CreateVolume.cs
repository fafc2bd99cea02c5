namespace Zun.Contracts;

/// <summary>
/// Makes a Zun volume: a Docker named volume on one host, labelled <c>zun.volume-id</c>. The client chooses
/// <see cref="VolumeId"/>, so a resend is answered with the volume the first one made. Answered with
/// <see cref="VolumeInfo"/> once the host has the volume, or <see cref="RequestRejected"/> (and nothing kept).
/// </summary>
public sealed record CreateVolume : IVolumeRequest
{
    public Guid VolumeId { get; init; }

    /// <summary>Unique among the project's volumes; 2 to 255 letters, digits, '_', '.' and '-', starting with a letter or digit.</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// GiB, 1 or more. Recorded and shown; Docker's local driver cannot hold a volume to a size, so it is not enforced
    /// (a Cinder backend would make a block device of this size).
    /// </summary>
    public int SizeGb { get; init; }

    /// <summary>The host to make it on; otherwise one the conductor chooses (in <see cref="AvailabilityZone"/>, if given).</summary>
    public string? Host { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? UserId { get; init; }
}
