using System.Formats.Tar;
using Zun.Hosting;
using Zun.Worker.Options;

namespace Zun.Worker.Consumers;

/// <summary>
/// The tar archive a put brings, decoded and read through to its end before any of it reaches the engine, so that a
/// refused archive writes nothing. Refused, each naming what is wrong: data that is not base64, an archive above
/// <c>Zun:Worker:MaxArchiveBytes</c>, bytes that are not a tar archive, and a member named absolutely or with a
/// <c>..</c> part, or a hard link to one.
/// </summary>
internal sealed record ArchiveInput(byte[] Tar, int Entries)
{
    /// <summary>The archive, or why it is refused.</summary>
    public static (ArchiveInput? Archive, string? Refusal) Read(string data, int maxBytes)
    {
        if (DecodedLength(data) is not { } length)
            return (null, NotBase64(data));

        // The length is known before anything is decoded: an archive too large is never held.
        if (length > maxBytes)
            return (null, $"data decodes to {length} bytes, more than {WorkerOptions.Section}:MaxArchiveBytes ({maxBytes} bytes)");

        var tar = new byte[length];
        if (!Convert.TryFromBase64String(data, tar, out var written) || written != length)
            return (null, NotBase64(data));

        return Members(tar) is var (entries, refusal) && refusal is not null ? (null, refusal) : (new ArchiveInput(tar, entries), null);
    }

    /// <summary>How many bytes the base64 text decodes to; null when its length cannot be base64's.</summary>
    private static long? DecodedLength(string data)
    {
        long characters = 0;
        var padding = 0;
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
                continue;
            characters++;
            padding = c == '=' ? padding + 1 : 0;
        }

        return characters == 0 || characters % 4 != 0 || padding > 2 ? null : characters / 4 * 3 - padding;
    }

    private static string NotBase64(string data)
    {
        var at = data.AsSpan().IndexOfAnyExcept(Base64Characters);
        return at >= 0
            ? $"data is not base64: character {Quoted.Value(data[at].ToString())} at offset {at} is not of base64's alphabet"
            : $"data is not base64: its {data.Length} characters do not decode (a length not a multiple of 4, or misplaced '=' padding)";
    }

    private static readonly System.Buffers.SearchValues<char> Base64Characters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n");

    /// <summary>Every member, read through to the end of the archive: how many there are, or the first refusal.</summary>
    private static (int Entries, string? Refusal) Members(byte[] tar)
    {
        var entries = 0;
        try
        {
            using var reader = new TarReader(new MemoryStream(tar, writable: false));
            while (reader.GetNextEntry() is { } entry)
            {
                entries++;
                if (OutsideDestination(entry.Name) is { } problem)
                    return (entries, $"archive member {Quoted.Value(entry.Name)} {problem}");
                if (entry.EntryType == TarEntryType.HardLink && OutsideDestination(entry.LinkName) is { } link)
                    return (entries, $"archive member {Quoted.Value(entry.Name)} is a hard link to {Quoted.Value(entry.LinkName)}, which {link}");
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            return (entries, $"data is not a tar archive: {e.Message}");
        }

        return entries == 0 ? (0, "data is not a tar archive: it holds no entries") : (entries, null);
    }

    /// <summary>Null when the member name stays within the directory it is extracted into; otherwise why not.</summary>
    private static string? OutsideDestination(string name) =>
        name.StartsWith('/') ? "is named absolutely: every member must be named relative to the destination"
        : name.Split('/').Contains("..") ? "has a '..' part: it would reach outside the destination"
        : null;
}
