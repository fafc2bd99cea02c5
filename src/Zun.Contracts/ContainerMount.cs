namespace Zun.Contracts;

/// <summary>
/// One of a new container's mounts, in upstream's shape (<c>mounts: [{type, source, destination, size}]</c>). A
/// <c>volume</c> mount with a <see cref="Source"/> mounts an existing Zun volume (its id or, within the project, its
/// name); one with <see cref="SizeGb"/> and no source mounts a volume made for the container and removed with it. A
/// <c>bind</c> mount injects a file: <see cref="Source"/> is its content in base64, written at <see cref="Destination"/>
/// before the container first starts.
/// </summary>
public sealed record ContainerMount
{
    /// <summary><c>volume</c> (the default) or <c>bind</c>.</summary>
    public string? Type { get; init; }

    public string? Source { get; init; }

    /// <summary>An absolute path in the container, without <c>..</c>, and not <c>/</c>, <c>/proc</c>, <c>/sys</c> or <c>/dev</c>.</summary>
    public string Destination { get; init; } = "";

    /// <summary>GiB of a volume made for the container (a <c>volume</c> mount without a source).</summary>
    public int? SizeGb { get; init; }

    /// <summary>The container sees the volume read-only (an injected file is written with mode 0444).</summary>
    public bool ReadOnly { get; init; }
}
