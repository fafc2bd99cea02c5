using System.Formats.Tar;

namespace Zun.Testing;

/// <summary>Tar archives in memory, as a put_archive takes them and a get_archive returns them.</summary>
public static class TarArchive
{
    /// <summary>An archive of regular files, in the order given, named exactly as given (<c>../x</c> and <c>/x</c> too).</summary>
    public static byte[] Of(params (string Name, byte[] Content)[] files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = (UnixFileMode)0b110_100_100 });
        }

        return tar.ToArray();
    }

    /// <summary>An archive of one entry of <paramref name="type"/> (a hard or symbolic link to <paramref name="linkName"/>).</summary>
    public static byte[] Link(TarEntryType type, string name, string linkName)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(type, name) { LinkName = linkName });
        return tar.ToArray();
    }

    /// <summary>Every regular file of the archive by name, and every directory (with no content).</summary>
    public static Dictionary<string, byte[]?> Entries(byte[] archive)
    {
        var entries = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null)
            {
                entries[entry.Name] = null;
                continue;
            }

            using var content = new MemoryStream();
            entry.DataStream.CopyTo(content);
            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }

    /// <summary>Bytes that are not text: every byte value, then a repeating pseudo-random pattern, <paramref name="length"/> in all.</summary>
    public static byte[] Binary(int length, int seed = 13)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        for (var i = 0; i < Math.Min(256, length); i++)
            bytes[i] = (byte)i;
        return bytes;
    }
}
