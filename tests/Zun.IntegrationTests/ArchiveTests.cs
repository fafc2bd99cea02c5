using System.Diagnostics;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using Zun.Testing;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>get_archive and put_archive end to end: the client, RabbitMQ, the conductor's checks, the worker and real Docker.</summary>
public sealed class ArchiveTests(SharedZun zun)
{
    private const int TenMegabytes = 10 * 1000 * 1000;

    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task A_file_put_into_a_container_comes_back_byte_for_byte()
    {
        var containerId = await System.RunContainer();
        var content = TarArchive.Binary(200_000);

        var extracted = await Put(containerId, "/tmp", TarArchive.Of(("blob.bin", content)));
        var archive = await Get(containerId, "/tmp/blob.bin");

        Assert.Equal(("/tmp", 1), (extracted.Path, extracted.Entries));
        Assert.Equal(content, TarArchive.Entries(Convert.FromBase64String(archive.Data))["blob.bin"]);
        Assert.Equal(("blob.bin", 200_000L), (archive.Stat!.Name, archive.Stat.Size));
    }

    [Fact]
    public async Task A_ten_megabyte_file_goes_in_and_comes_out_whole()
    {
        var containerId = await System.RunContainer();
        var content = TarArchive.Binary(TenMegabytes, seed: 10);
        var tar = TarArchive.Of(("ten.bin", content));

        var clock = Stopwatch.StartNew();
        await Put(containerId, "/tmp", tar);
        var put = clock.Elapsed;
        clock.Restart();
        var archive = await Get(containerId, "/tmp/ten.bin");
        var get = clock.Elapsed;

        Assert.Equal(content, TarArchive.Entries(Convert.FromBase64String(archive.Data))["ten.bin"]);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"10 MB file ({tar.Length}-byte archive): put {put.TotalMilliseconds:0} ms, get {get.TotalMilliseconds:0} ms");
        Assert.InRange(put + get, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("tmp/x", "path 'tmp/x' is relative: it must be an absolute path in the container")]
    [InlineData("/tmp/../../etc", "path '/tmp/../../etc' has a '..' part: it must not reach outside the container's root")]
    public async Task A_path_outside_the_containers_root_is_refused_naming_it_both_ways(string path, string reason)
    {
        var containerId = await System.RunContainer();

        var get = await Assert.ThrowsAsync<InvalidOperationException>(() => Get(containerId, path));
        var put = await Assert.ThrowsAsync<InvalidOperationException>(() => Put(containerId, path, TarArchive.Of(("x", [1]))));

        Assert.Equal($"rejected: {reason}", get.Message);
        Assert.Equal($"rejected: {reason}", put.Message);
    }

    [Fact]
    public async Task A_put_of_a_tar_with_a_member_outside_the_destination_is_refused_and_writes_nothing()
    {
        var containerId = await System.RunContainer();
        var tar = TarArchive.Of(("innocent.txt", "x"u8.ToArray()), ("../../etc/evil", "x"u8.ToArray()));

        var put = await Assert.ThrowsAsync<InvalidOperationException>(() => Put(containerId, "/tmp", tar));

        Assert.StartsWith("rejected: archive member '../../etc/evil' has a '..' part", put.Message, StringComparison.Ordinal);
        Assert.Null((await System.Ask<GetArchive, ContainerArchive>(new GetArchive { ContainerId = containerId, Path = "/tmp/innocent.txt", StatOnly = true })).Stat);
    }

    [Fact]
    public async Task A_put_of_data_that_is_not_base64_is_refused_saying_so()
    {
        var containerId = await System.RunContainer();

        var put = await Assert.ThrowsAsync<InvalidOperationException>(
            () => System.Ask<PutArchive, ArchiveExtracted>(new PutArchive { ContainerId = containerId, Path = "/tmp", Data = "not-base64" }));

        Assert.Equal("rejected: data is not base64: character '-' at offset 3 is not of base64's alphabet", put.Message);
    }

    [Fact]
    public async Task Archives_above_the_workers_limit_are_refused_both_ways_naming_the_setting()
    {
        await using var system = await ZunTestSystem.StartAsync(
            workerSettings: new Dictionary<string, string?> { ["Zun:Worker:MaxArchiveBytes"] = "65536" }, cancellationToken: TestContext.Current.CancellationToken);
        var containerId = await system.RunContainer();
        var tar = TarArchive.Of(("big.bin", TarArchive.Binary(100_000)));

        var put = await Assert.ThrowsAsync<InvalidOperationException>(
            () => system.Ask<PutArchive, ArchiveExtracted>(new PutArchive { ContainerId = containerId, Path = "/tmp", Data = Convert.ToBase64String(tar) }));
        var get = await Assert.ThrowsAsync<InvalidOperationException>(
            () => system.Ask<GetArchive, ContainerArchive>(new GetArchive { ContainerId = containerId, Path = "/bin/busybox" }));

        Assert.Equal($"rejected: data decodes to {tar.Length} bytes, more than Zun:Worker:MaxArchiveBytes (65536 bytes)", put.Message);
        Assert.Equal("rejected: the archive of /bin/busybox is larger than Zun:Worker:MaxArchiveBytes (65536 bytes)", get.Message);
    }

    [Fact]
    public async Task Containers_in_Error_or_Deleted_are_refused_by_the_state_table_and_a_paused_one_is_not()
    {
        var failed = ZunTestSystem.NewCreate(image: $"127.0.0.1:5000/zun-missing-{Guid.NewGuid():N}:latest");
        Assert.Equal(ContainerStatus.Error, Assert.IsType<OperationFailed>(await System.Execute(failed, failed.OperationId)).Status);
        var deleted = await System.RunContainer();
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = deleted, Stop = true };
        Assert.IsType<OperationCompleted>(await System.Execute(delete, delete.OperationId));
        var paused = await System.RunContainer();
        var pause = new PauseContainer { OperationId = Guid.NewGuid(), ContainerId = paused };
        Assert.IsType<OperationCompleted>(await System.Execute(pause, pause.OperationId));

        var ofError = await Assert.ThrowsAsync<InvalidOperationException>(() => Get(failed.ContainerId, "/etc"));
        var ofDeleted = await Assert.ThrowsAsync<InvalidOperationException>(() => Put(deleted, "/tmp", TarArchive.Of(("x", [1]))));
        var ofPaused = await Put(paused, "/tmp", TarArchive.Of(("while-paused.txt", [1])));

        Assert.Equal("rejected: cannot get_archive a container in status Error: get_archive is valid only when status is Created, Paused, Running, Stopped", ofError.Message);
        Assert.Equal("rejected: cannot put_archive a container in status Deleted: put_archive is valid only when status is Created, Paused, Running, Stopped", ofDeleted.Message);
        Assert.Equal(1, ofPaused.Entries);
    }

    [Fact]
    public async Task Archives_of_an_unknown_container_are_answered_not_found()
    {
        var unknown = Guid.NewGuid();

        var get = await Assert.ThrowsAsync<InvalidOperationException>(() => Get(unknown, "/etc"));
        var put = await Assert.ThrowsAsync<InvalidOperationException>(() => Put(unknown, "/tmp", TarArchive.Of(("x", [1]))));

        Assert.Equal("container not found", get.Message);
        Assert.Equal("container not found", put.Message);
    }

    private Task<ContainerArchive> Get(Guid containerId, string path) =>
        System.Ask<GetArchive, ContainerArchive>(new GetArchive { ContainerId = containerId, Path = path });

    private Task<ArchiveExtracted> Put(Guid containerId, string path, byte[] tar) =>
        System.Ask<PutArchive, ArchiveExtracted>(new PutArchive { ContainerId = containerId, Path = path, Data = Convert.ToBase64String(tar) });
}
