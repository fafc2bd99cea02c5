namespace Zun.Contracts;

/// <summary>Answer to <see cref="PutArchive"/>: the archive was extracted whole into <see cref="Path"/>.</summary>
public sealed record ArchiveExtracted
{
    public Guid ContainerId { get; init; }

    public string Path { get; init; } = "";

    /// <summary>Bytes of the tar archive, after base64 decoding.</summary>
    public long Size { get; init; }

    /// <summary>Entries the archive held.</summary>
    public int Entries { get; init; }
}
