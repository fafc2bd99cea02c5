namespace Zun.Contracts;

/// <summary>
/// What is at a path in a container: a tar archive whose one top entry is named after the path's last part (a
/// directory's entries below it), and the stat Docker gives of the path.
/// </summary>
public sealed record ContainerArchive
{
    public Guid ContainerId { get; init; }

    public string Path { get; init; } = "";

    /// <summary>The tar archive, base64-encoded; empty for a <see cref="GetArchive.StatOnly"/> request.</summary>
    public string Data { get; init; } = "";

    /// <summary>What is at the path; null only for a <see cref="GetArchive.StatOnly"/> request that found nothing there.</summary>
    public ArchiveStat? Stat { get; init; }
}
