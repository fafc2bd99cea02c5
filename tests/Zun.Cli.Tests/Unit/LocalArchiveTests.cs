using Zun.Cli.Archives;
using Zun.Testing;

namespace Zun.Cli.Tests.Unit;

/// <summary>zun cp's local side: files and directories to tar archives and back, the top entry renamed on the way.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalArchiveTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zun-cp-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_directory_archived_and_extracted_under_another_name_holds_the_same_files_links_modes_and_times()
    {
        var source = Directory.CreateDirectory(Path.Combine(_root, "conf")).FullName;
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        File.WriteAllBytes(Path.Combine(source, "sub", "blob.bin"), TarArchive.Binary(5000));
        File.WriteAllText(Path.Combine(source, ".hidden"), "dot");
        File.CreateSymbolicLink(Path.Combine(source, "link"), "sub/blob.bin");
        File.SetUnixFileMode(Path.Combine(source, ".hidden"), (UnixFileMode)0b111_000_000);
        File.SetLastWriteTimeUtc(Path.Combine(source, ".hidden"), new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc));

        var entries = LocalArchive.Extract(LocalArchive.Of(source, "conf"), _root, "copy");

        var copy = Path.Combine(_root, "copy");
        Assert.Equal(5, entries);
        Assert.Equal(TarArchive.Binary(5000), File.ReadAllBytes(Path.Combine(copy, "sub", "blob.bin")));
        Assert.Equal("sub/blob.bin", new FileInfo(Path.Combine(copy, "link")).LinkTarget);
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(Path.Combine(copy, ".hidden")));
        Assert.Equal(new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(Path.Combine(copy, ".hidden")));
    }

    [Fact]
    public void Without_a_top_name_what_the_top_entry_holds_is_extracted_straight_into_the_directory()
    {
        var archive = TarArchive.Of(("./a.txt", "a"u8.ToArray()), ("./sub/b.txt", "b"u8.ToArray()));

        LocalArchive.Extract(archive, _root, topName: null);

        Assert.Equal("a", File.ReadAllText(Path.Combine(_root, "a.txt")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(_root, "sub", "b.txt")));
    }

    [Fact]
    public void An_archive_naming_a_member_outside_the_directory_is_refused_before_anything_is_written()
    {
        var archive = TarArchive.Of(("top/first.txt", "x"u8.ToArray()), ("top/../../outside.txt", "x"u8.ToArray()));

        var refused = Assert.Throws<CliException>(() => LocalArchive.Extract(archive, _root, "top"));

        Assert.Contains("'top/../../outside.txt', which is outside", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }
}
