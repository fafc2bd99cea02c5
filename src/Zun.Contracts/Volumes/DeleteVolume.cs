namespace Zun.Contracts;

/// <summary>
/// Removes a Zun volume and its Docker volume. Refused, naming them, while containers mount it. Answered with
/// <see cref="VolumeInfo"/> (status <see cref="VolumeStatus.Deleted"/>), <see cref="VolumeNotFound"/> or
/// <see cref="RequestRejected"/>.
/// </summary>
public sealed record DeleteVolume : IVolumeRequest
{
    /// <summary>The volume's id, or its name within the project.</summary>
    public string Volume { get; init; } = "";

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
