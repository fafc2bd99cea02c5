namespace Zun.Cli.Archives;

/// <summary>
/// One side of <c>zun cp</c>: <c>CONTAINER:PATH</c>, or a local path. As with <c>docker cp</c>, a local path with a colon
/// in it is written so that it starts with <c>/</c> or <c>.</c> (<c>./a:b</c>).
/// </summary>
internal sealed record CopyTarget(string? Container, string Path)
{
    public bool IsInContainer => Container is not null;

    public static CopyTarget Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !text.StartsWith('/') && !text.StartsWith('.') && !text[..colon].Contains('/', StringComparison.Ordinal)
            ? new CopyTarget(text[..colon], text[(colon + 1)..])
            : new CopyTarget(null, text);
    }

    /// <summary>The path's last part, as an archive's top entry is named: <c>hostname</c> of <c>/etc/hostname</c>, <c>etc</c> of <c>/etc/</c>.</summary>
    public string LastPart => LastPartOf(Path);

    /// <summary>The path ends with <c>/.</c>: what the directory holds, not the directory itself.</summary>
    public bool MeansContents => Path.EndsWith("/.", StringComparison.Ordinal) || Path == ".";

    /// <summary>The path ends with a separator: it can only name a directory.</summary>
    public bool NamesDirectory => Path.EndsWith('/');

    /// <summary>The directory the path is in: <c>/etc</c> of <c>/etc/hostname</c>.</summary>
    public string Parent
    {
        get
        {
            var trimmed = Path.TrimEnd('/');
            var slash = trimmed.LastIndexOf('/');
            return slash switch
            {
                < 0 => ".",
                0 => "/",
                _ => trimmed[..slash],
            };
        }
    }

    public override string ToString() => Container is null ? Path : $"{Container}:{Path}";

    private static string LastPartOf(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}
