namespace Zun.Contracts;

/// <summary>
/// Extracts a tar archive into the directory <see cref="Path"/> of a container, as <c>docker cp</c> does; answered with
/// <see cref="ArchiveExtracted"/>, <see cref="RequestRejected"/> (an invalid path, data that is not base64 or not a
/// tar, a member named absolutely or with <c>..</c>, an archive above the worker's <c>Zun:Worker:MaxArchiveBytes</c>, a
/// status the state table refuses) or <see cref="ContainerNotFound"/>. A refused archive writes nothing.
/// </summary>
public sealed record PutArchive : ICallerScope
{
    public Guid ContainerId { get; init; }

    /// <summary>An absolute path, without <c>..</c>, of a directory that exists in the container.</summary>
    public string Path { get; init; } = "";

    /// <summary>The tar archive, base64-encoded.</summary>
    public string Data { get; init; } = "";

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
