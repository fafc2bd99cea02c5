namespace Zun.Contracts;

/// <summary>Lists the caller's project's volumes (every project's for a caller acting for all); answered with <see cref="VolumeList"/>.</summary>
public sealed record ListVolumes : IVolumeRequest
{
    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    /// <summary>Only the volumes on this host.</summary>
    public string? Host { get; init; }
}
