using Zun.Testing;
using Zun.Worker.Runtime;
using Zun.Worker.Tests.Infrastructure;

namespace Zun.Worker.Tests;

/// <summary>Copying files out of and into containers as tar archives through the runtime, on the real Docker engine.</summary>
public sealed class ContainerArchiveTests(DockerHost docker)
{
    private const uint DirectoryMode = 1u << 31;

    private readonly TestWorker _worker = docker.NewWorker();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_file_put_into_a_directory_comes_back_byte_for_byte_with_its_stat()
    {
        var (containerId, _) = await _worker.Run();
        var content = TarArchive.Binary(100_000);

        Assert.True(await _worker.Runtime.PutArchiveAsync(containerId, "/tmp", TarArchive.Of(("blob.bin", content)), Cancellation));
        var archive = await _worker.Runtime.GetArchiveAsync(containerId, "/tmp/blob.bin", statOnly: false, Cancellation);

        Assert.NotNull(archive?.Stat);
        Assert.Equal(content, TarArchive.Entries(Convert.FromBase64String(archive.Data))["blob.bin"]);
        Assert.Equal(("blob.bin", 100_000L, 0b110_100_100u, ""), (archive.Stat.Name, archive.Stat.Size, archive.Stat.Mode, archive.Stat.LinkTarget));
    }

    [Fact]
    public async Task A_directory_comes_back_under_its_own_name_with_what_it_holds()
    {
        var (containerId, _) = await _worker.Run();
        await _worker.Runtime.PutArchiveAsync(containerId, "/tmp", TarArchive.Of(("conf/a.txt", "a"u8.ToArray()), ("conf/b.txt", "b"u8.ToArray())), Cancellation);

        var archive = await _worker.Runtime.GetArchiveAsync(containerId, "/tmp/conf", statOnly: false, Cancellation);

        var entries = TarArchive.Entries(Convert.FromBase64String(archive!.Data));
        Assert.Equal(["conf/", "conf/a.txt", "conf/b.txt"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("b"u8.ToArray(), entries["conf/b.txt"]);
        Assert.Equal(DirectoryMode, archive.Stat!.Mode & DirectoryMode);
    }

    [Fact]
    public async Task A_container_never_started_has_its_files_written_and_read()
    {
        var (containerId, _) = await _worker.Create(docker.Spec(), run: false);

        Assert.True(await _worker.Runtime.PutArchiveAsync(containerId, "/", TarArchive.Of(("seed.txt", "seeded"u8.ToArray())), Cancellation));
        var archive = await _worker.Runtime.GetArchiveAsync(containerId, "/seed.txt", statOnly: false, Cancellation);

        Assert.Equal("seeded"u8.ToArray(), TarArchive.Entries(Convert.FromBase64String(archive!.Data))["seed.txt"]);
    }

    [Fact]
    public async Task A_stat_alone_describes_the_path_without_its_archive_and_finds_nothing_at_a_missing_path()
    {
        var (containerId, _) = await _worker.Run();

        var etc = await _worker.Runtime.GetArchiveAsync(containerId, "/etc", statOnly: true, Cancellation);
        var missing = await _worker.Runtime.GetArchiveAsync(containerId, "/no-such-path", statOnly: true, Cancellation);

        Assert.Equal(("etc", DirectoryMode, ""), (etc!.Stat!.Name, etc.Stat.Mode & DirectoryMode, etc.Data));
        Assert.NotNull(missing);
        Assert.Null(missing.Stat);
    }

    [Fact]
    public async Task A_missing_path_or_a_destination_that_is_no_directory_is_refused_naming_the_path()
    {
        var (containerId, _) = await _worker.Run();
        var tar = TarArchive.Of(("x.txt", "x"u8.ToArray()));

        var get = await Assert.ThrowsAsync<ContainerRuntimeException>(() => _worker.Runtime.GetArchiveAsync(containerId, "/no-such-path", statOnly: false, Cancellation));
        var intoMissing = await Assert.ThrowsAsync<ContainerRuntimeException>(() => _worker.Runtime.PutArchiveAsync(containerId, "/no-such-dir", tar, Cancellation));
        var intoFile = await Assert.ThrowsAsync<ContainerRuntimeException>(() => _worker.Runtime.PutArchiveAsync(containerId, "/etc/hostname", tar, Cancellation));

        Assert.Contains("Could not find the file /no-such-path", get.Message, StringComparison.Ordinal);
        Assert.Equal("cannot extract the archive into /no-such-dir: nothing is there", intoMissing.Message);
        Assert.Equal("cannot extract the archive into /etc/hostname: it is not a directory", intoFile.Message);
        Assert.False(get.IsTransient || intoMissing.IsTransient || intoFile.IsTransient);
    }

    [Fact]
    public async Task An_archive_above_the_limit_is_refused_naming_the_setting_whether_of_a_file_or_a_directory()
    {
        var worker = docker.NewWorker(maxArchiveBytes: 64 * 1024);
        var (containerId, _) = await worker.Run();

        // busybox, the one binary of the image, is about a megabyte; /bin holds it beside its links.
        var file = await Assert.ThrowsAsync<ContainerRuntimeException>(() => worker.Runtime.GetArchiveAsync(containerId, "/bin/busybox", statOnly: false, Cancellation));
        var directory = await Assert.ThrowsAsync<ContainerRuntimeException>(() => worker.Runtime.GetArchiveAsync(containerId, "/bin", statOnly: false, Cancellation));

        Assert.Equal("the archive of /bin/busybox is larger than Zun:Worker:MaxArchiveBytes (65536 bytes)", file.Message);
        Assert.Equal("the archive of /bin is larger than Zun:Worker:MaxArchiveBytes (65536 bytes)", directory.Message);
    }

    [Fact]
    public async Task Archives_of_a_missing_container_answer_as_missing()
    {
        var missing = Guid.NewGuid();

        Assert.Null(await _worker.Runtime.GetArchiveAsync(missing, "/etc", statOnly: false, Cancellation));
        Assert.Null(await _worker.Runtime.GetArchiveAsync(missing, "/etc", statOnly: true, Cancellation));
        Assert.False(await _worker.Runtime.PutArchiveAsync(missing, "/tmp", TarArchive.Of(("x", [1])), Cancellation));
    }
}
