namespace Zun.Contracts;

/// <summary>Asks for one Zun volume; answered with <see cref="VolumeInfo"/> or <see cref="VolumeNotFound"/>.</summary>
public sealed record GetVolume : IVolumeRequest
{
    /// <summary>The volume's id, or its name within the project.</summary>
    public string Volume { get; init; } = "";

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
