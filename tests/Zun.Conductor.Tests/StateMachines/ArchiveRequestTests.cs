using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Conductor.Tests.StateMachines;

/// <summary>
/// get_archive and put_archive: checked against the state table and for a path inside the container's root, then
/// forwarded to the container's worker, which answers the client; not operations of the record, as upstream records none.
/// </summary>
public sealed class ArchiveRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_and_put_on_a_running_or_stopped_container_go_to_its_worker_and_record_nothing(bool stopped)
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = stopped ? await zun.StoppedContainer() : await zun.RunContainer();
        var operationsBefore = (await zun.LoadContainer(containerId))!.RecentOperations.Count;

        await zun.Publish(new GetArchive { ContainerId = containerId, Path = "/etc/hostname" });
        await zun.Publish(new PutArchive { ContainerId = containerId, Path = "/tmp", Data = "AAAA" });

        var get = await zun.Sent<GetArchive>(m => m.ContainerId == containerId);
        var put = await zun.Sent<PutArchive>(m => m.ContainerId == containerId);
        Assert.Contains(ConductorHarness.WorkerEndpoint, get.Context.DestinationAddress?.ToString(), StringComparison.Ordinal);
        Assert.Contains(ConductorHarness.WorkerEndpoint, put.Context.DestinationAddress?.ToString(), StringComparison.Ordinal);
        Assert.Equal(operationsBefore, (await zun.LoadContainer(containerId))!.RecentOperations.Count);
    }

    [Theory]
    [InlineData("etc/hostname", "path 'etc/hostname' is relative: it must be an absolute path in the container")]
    [InlineData("/etc/../../hostname", "path '/etc/../../hostname' has a '..' part: it must not reach outside the container's root")]
    [InlineData("", "path must be an absolute path in the container; it is empty")]
    public async Task A_path_outside_the_containers_root_is_refused_naming_it_both_ways(string path, string reason)
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();

        var get = await Ask<GetArchive, ContainerArchive>(zun, new GetArchive { ContainerId = containerId, Path = path });
        var put = await Ask<PutArchive, ArchiveExtracted>(zun, new PutArchive { ContainerId = containerId, Path = path, Data = "AAAA" });

        Assert.Equal(reason, Assert.IsType<RequestRejected>(get).Reason);
        Assert.Equal(reason, Assert.IsType<RequestRejected>(put).Reason);
        Assert.Empty(zun.SentSoFar<GetArchive>(_ => true));
        Assert.Empty(zun.SentSoFar<PutArchive>(_ => true));
    }

    [Fact]
    public async Task A_put_without_data_is_refused_saying_so()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = await zun.RunContainer();

        var put = await Ask<PutArchive, ArchiveExtracted>(zun, new PutArchive { ContainerId = containerId, Path = "/tmp" });

        Assert.Equal("data must be a base64-encoded tar archive; it is empty", Assert.IsType<RequestRejected>(put).Reason);
    }

    [Fact]
    public async Task A_container_in_Error_is_refused_by_the_state_table_both_ways()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        await zun.Heartbeat(ConductorHarness.WorkerHost, ConductorHarness.WorkerEndpoint, memoryMb: 1024);
        var create = ConductorHarness.NewCreate() with { MemoryMb = 1000 };
        Assert.IsType<OperationFailed>(await zun.Execute(create, create.OperationId));

        var get = await Ask<GetArchive, ContainerArchive>(zun, new GetArchive { ContainerId = create.ContainerId, Path = "/etc" });
        var put = await Ask<PutArchive, ArchiveExtracted>(zun, new PutArchive { ContainerId = create.ContainerId, Path = "/tmp", Data = "AAAA" });

        Assert.Equal("cannot get_archive a container in status Error: get_archive is valid only when status is Created, Paused, Running, Stopped",
            Assert.IsType<RequestRejected>(get).Reason);
        Assert.Equal("cannot put_archive a container in status Error: put_archive is valid only when status is Created, Paused, Running, Stopped",
            Assert.IsType<RequestRejected>(put).Reason);
    }

    [Fact]
    public async Task Archives_of_an_unknown_container_answer_ContainerNotFound()
    {
        await using var zun = await ConductorHarness.StartAsync();
        var containerId = Guid.NewGuid();

        var get = await Ask<GetArchive, ContainerArchive>(zun, new GetArchive { ContainerId = containerId, Path = "/etc" });
        var put = await Ask<PutArchive, ArchiveExtracted>(zun, new PutArchive { ContainerId = containerId, Path = "/tmp", Data = "AAAA" });

        Assert.Equal(containerId, Assert.IsType<ContainerNotFound>(get).ContainerId);
        Assert.Equal(containerId, Assert.IsType<ContainerNotFound>(put).ContainerId);
    }

    private static async Task<object> Ask<TRequest, TResult>(ConductorHarness zun, TRequest request)
        where TRequest : class
        where TResult : class =>
        (await zun.Harness.GetRequestClient<TRequest>().GetResponse<TResult, RequestRejected, ContainerNotFound>(request, Ct)).Message;
}
