using System.Formats.Tar;
using MassTransit;
using Zun.Contracts;
using Zun.Testing;
using Zun.Worker.Tests.Infrastructure;

namespace Zun.Worker.Tests;

/// <summary>
/// The worker's archive consumers answer the requester directly; a put's archive is read through before the engine sees
/// any of it, so that one refused writes nothing. On the test harness against the real engine.
/// </summary>
public sealed class ArchiveConsumerTests(DockerHost docker)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_put_is_answered_with_what_was_extracted_and_a_get_with_the_archive()
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true);
        var containerId = await worker.Run(docker.Spec());
        var tar = TarArchive.Of(("one.txt", "1"u8.ToArray()), ("two.txt", "22"u8.ToArray()));

        var put = await Put(worker, new PutArchive { ContainerId = containerId, Path = "/tmp", Data = Convert.ToBase64String(tar) });
        var get = await Get(worker, new GetArchive { ContainerId = containerId, Path = "/tmp/two.txt" });

        Assert.True(put.Is(out Response<ArchiveExtracted>? extracted));
        Assert.Equal(("/tmp", (long)tar.Length, 2), (extracted.Message.Path, extracted.Message.Size, extracted.Message.Entries));
        Assert.True(get.Is(out Response<ContainerArchive>? archive));
        Assert.Equal("22"u8.ToArray(), TarArchive.Entries(Convert.FromBase64String(archive.Message.Data))["two.txt"]);
        Assert.Equal(2, archive.Message.Stat!.Size);
    }

    [Theory]
    [InlineData("../escaped.txt", "has a '..' part")]
    [InlineData("sub/../../escaped.txt", "has a '..' part")]
    [InlineData("/escaped.txt", "is named absolutely")]
    public async Task A_put_with_a_member_outside_the_destination_is_refused_naming_it_and_writes_nothing(string member, string problem)
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true);
        var containerId = await worker.Run(docker.Spec());

        // The good member comes first: were the archive extracted as it was read, it would be written.
        var tar = TarArchive.Of(("written-first.txt", "x"u8.ToArray()), (member, "x"u8.ToArray()));
        var put = await Put(worker, new PutArchive { ContainerId = containerId, Path = "/tmp", Data = Convert.ToBase64String(tar) });

        Assert.True(put.Is(out Response<RequestRejected>? rejected));
        Assert.StartsWith($"archive member '{member}' {problem}", rejected.Message.Reason, StringComparison.Ordinal);
        Assert.Null((await worker.Runtime.GetArchiveAsync(containerId, "/tmp/written-first.txt", statOnly: true, Cancellation))!.Stat);
    }

    [Fact]
    public async Task A_put_with_a_hard_link_outside_the_destination_is_refused_naming_it()
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true);
        var containerId = await worker.Run(docker.Spec());
        var tar = TarArchive.Link(TarEntryType.HardLink, "passwd", "../etc/passwd");

        var put = await Put(worker, new PutArchive { ContainerId = containerId, Path = "/tmp", Data = Convert.ToBase64String(tar) });

        Assert.True(put.Is(out Response<RequestRejected>? rejected));
        Assert.StartsWith("archive member 'passwd' is a hard link to '../etc/passwd', which has a '..' part", rejected.Message.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> NotBase64Tars => new()
    {
        { "not base64!", "data is not base64: character '!' at offset 10 is not of base64's alphabet" },
        { "QUJD=", "data is not base64: its 5 characters do not decode" },
        { Convert.ToBase64String("hello world, this is not a tar archive"u8), "data is not a tar archive: " },

        // Two zero blocks: the end of an archive, with nothing before it.
        { Convert.ToBase64String(new byte[1024]), "data is not a tar archive: it holds no entries" },
    };

    [Theory]
    [MemberData(nameof(NotBase64Tars))]
    public async Task A_put_of_data_that_is_not_a_base64_tar_is_refused_saying_so(string data, string reason)
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true);
        var containerId = await worker.Run(docker.Spec());

        var put = await Put(worker, new PutArchive { ContainerId = containerId, Path = "/tmp", Data = data });

        Assert.True(put.Is(out Response<RequestRejected>? rejected));
        Assert.StartsWith(reason, rejected.Message.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archives_above_the_limit_are_refused_both_ways_naming_the_setting()
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true,
            settings: new Dictionary<string, string?> { ["Zun:Worker:MaxArchiveBytes"] = "16384" });
        var containerId = await worker.Run(docker.Spec());
        var tar = TarArchive.Of(("big.bin", TarArchive.Binary(20_000)));

        var put = await Put(worker, new PutArchive { ContainerId = containerId, Path = "/tmp", Data = Convert.ToBase64String(tar) });
        var get = await Get(worker, new GetArchive { ContainerId = containerId, Path = "/bin/busybox" });

        Assert.True(put.Is(out Response<RequestRejected>? putRejected));
        Assert.Equal($"data decodes to {tar.Length} bytes, more than Zun:Worker:MaxArchiveBytes (16384 bytes)", putRejected.Message.Reason);
        Assert.True(get.Is(out Response<RequestRejected>? getRejected));
        Assert.Equal("the archive of /bin/busybox is larger than Zun:Worker:MaxArchiveBytes (16384 bytes)", getRejected.Message.Reason);
    }

    [Fact]
    public async Task Archives_of_a_container_Docker_does_not_have_are_answered_not_found()
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true);
        var missing = Guid.NewGuid();

        var get = await Get(worker, new GetArchive { ContainerId = missing, Path = "/etc" });
        var put = await Put(worker, new PutArchive { ContainerId = missing, Path = "/tmp", Data = Convert.ToBase64String(TarArchive.Of(("x", [1]))) });

        Assert.True(get.Is(out Response<ContainerNotFound>? _));
        Assert.True(put.Is(out Response<ContainerNotFound>? _));
    }

    private static Task<Response<ContainerArchive, ContainerNotFound, RequestRejected>> Get(LiveWorker worker, GetArchive request) =>
        worker.Harness.GetRequestClient<GetArchive>().GetResponse<ContainerArchive, ContainerNotFound, RequestRejected>(request, Cancellation);

    private static Task<Response<ArchiveExtracted, ContainerNotFound, RequestRejected>> Put(LiveWorker worker, PutArchive request) =>
        worker.Harness.GetRequestClient<PutArchive>().GetResponse<ArchiveExtracted, ContainerNotFound, RequestRejected>(request, Cancellation);
}
