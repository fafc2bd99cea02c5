using System.Formats.Tar;

namespace Zun.Cli.Archives;

/// <summary>
/// Local files as tar archives and tar archives as local files, for <c>zun cp</c>. An archive has one top entry (Docker
/// names it after the path archived), which is renamed on the way, as <c>docker cp</c> renames what it copies.
/// </summary>
internal static class LocalArchive
{
    /// <summary>
    /// An archive of the local file or directory <paramref name="path"/>, its top entry named <paramref name="topName"/>,
    /// or, when that is null, of only what the directory holds. Symbolic links are archived as links, never followed.
    /// </summary>
    public static byte[] Of(string path, string? topName)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var isDirectory = IsDirectory(new FileInfo(path));
            if (topName is not null)
                writer.WriteEntry(path, isDirectory ? $"{topName}/" : topName);
            if (isDirectory)
                WriteChildren(writer, path, topName);
        }

        return tar.ToArray();
    }

    /// <summary>
    /// Writes the archive's entries into the existing <paramref name="directory"/>, the top entry renamed
    /// <paramref name="topName"/> (or, when that is null, left out, what it holds written straight into the directory).
    /// Returns how many entries were written. Devices and pipes are passed over.
    /// </summary>
    public static int Extract(byte[] archive, string directory, string? topName)
    {
        var root = Path.GetFullPath(directory);

        // Every name is checked before anything is written, so that an archive refused leaves nothing behind.
        foreach (var (entry, relative) in Entries(archive, topName))
            Within(root, relative, entry.Name);

        var written = 0;
        var directoryModes = new List<(string Path, UnixFileMode Mode)>();
        foreach (var (entry, relative) in Entries(archive, topName))
        {
            var target = Within(root, relative, entry.Name);

            // An archive need not hold an entry for every directory it writes in.
            if (entry.EntryType != TarEntryType.Directory)
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    directoryModes.Add((target, entry.Mode));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    RemoveLink(target);
                    entry.ExtractToFile(target, overwrite: true);
                    break;
                case TarEntryType.SymbolicLink:
                    RemoveLink(target);
                    if (File.Exists(target))
                        File.Delete(target);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    RemoveLink(target);
                    File.Copy(Within(root, Renamed(entry.LinkName, topName) ?? "", entry.LinkName), target, overwrite: true);
                    break;
                default:
                    continue;
            }

            written++;
        }

        // Last, so that a directory without write permission still receives what it holds.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var (path, mode) in directoryModes)
                File.SetUnixFileMode(path, mode);
        }

        return written;
    }

    /// <summary>The archive's entries with the names they are written under; the top entry, when it is left out, is not among them.</summary>
    private static IEnumerable<(TarEntry Entry, string Relative)> Entries(byte[] archive, string? topName)
    {
        using var reader = new TarReader(new MemoryStream(archive, writable: false));
        while (reader.GetNextEntry() is { } entry)
        {
            if (Renamed(entry.Name, topName) is { } relative)
                yield return (entry, relative);
        }
    }

    private static void WriteChildren(TarWriter writer, string directory, string? prefix)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false };
        foreach (var child in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var name = prefix is null ? child.Name : $"{prefix}/{child.Name}";
            var isDirectory = IsDirectory(child);
            writer.WriteEntry(child.FullName, isDirectory ? $"{name}/" : name);
            if (isDirectory)
                WriteChildren(writer, child.FullName, name);
        }
    }

    /// <summary>A directory itself, not a link to one.</summary>
    private static bool IsDirectory(FileSystemInfo info) => info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null;

    /// <summary>The entry's name with its first part (the top entry) replaced; null for the top entry when it is left out.</summary>
    private static string? Renamed(string name, string? topName)
    {
        var parts = name.TrimEnd('/').Split('/');
        var below = string.Join('/', parts[1..]);
        return topName is null
            ? below.Length == 0 ? null : below
            : below.Length == 0 ? topName : $"{topName}/{below}";
    }

    /// <summary>The entry's place below <paramref name="root"/>; an entry that would land outside it is refused.</summary>
    private static string Within(string root, string relative, string name)
    {
        var target = Path.GetFullPath(Path.Combine(root, relative));
        return relative.StartsWith('/') || !target.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)
            ? throw new CliException(ExitCodes.Failed, $"cp: the container's archive names '{name}', which is outside {root}; nothing was written")
            : target;
    }

    /// <summary>A link in the way is replaced, not written through.</summary>
    private static void RemoveLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
            info.Delete();
    }
}
