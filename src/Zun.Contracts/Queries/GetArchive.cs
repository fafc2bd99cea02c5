namespace Zun.Contracts;

/// <summary>
/// Reads what is at <see cref="Path"/> in a container as a tar archive, as <c>docker cp</c> does; answered with
/// <see cref="ContainerArchive"/>, <see cref="RequestRejected"/> (an invalid path, a status the state table refuses, an
/// archive above the worker's <c>Zun:Worker:MaxArchiveBytes</c>, nothing at the path) or <see cref="ContainerNotFound"/>.
/// </summary>
public sealed record GetArchive : ICallerScope
{
    public Guid ContainerId { get; init; }

    /// <summary>An absolute path in the container's filesystem, without <c>..</c>.</summary>
    public string Path { get; init; } = "";

    /// <summary>Only the stat of what is at the path, without its archive: null <see cref="ContainerArchive.Stat"/> when nothing is there.</summary>
    public bool StatOnly { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
