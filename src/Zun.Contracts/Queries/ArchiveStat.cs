namespace Zun.Contracts;

/// <summary>Docker's stat of a path in a container (its <c>X-Docker-Container-Path-Stat</c>), as upstream Zun returns it.</summary>
public sealed record ArchiveStat
{
    /// <summary>The path's last part.</summary>
    public string Name { get; init; } = "";

    /// <summary>Bytes of a file (a directory's own entry size, not what it holds).</summary>
    public long Size { get; init; }

    /// <summary>Go's <c>os.FileMode</c>: the permission bits, with 1&lt;&lt;31 for a directory and 1&lt;&lt;27 for a symbolic link.</summary>
    public uint Mode { get; init; }

    public DateTimeOffset Mtime { get; init; }

    /// <summary>Where a symbolic link points; empty for anything else.</summary>
    public string LinkTarget { get; init; } = "";
}
