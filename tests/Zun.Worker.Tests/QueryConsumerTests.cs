using MassTransit;
using Zun.Contracts;
using Zun.Worker.Tests.Infrastructure;

namespace Zun.Worker.Tests;

/// <summary>
/// The worker's query consumers answer the requester directly: the result, <see cref="ContainerNotFound"/> or
/// <see cref="RequestRejected"/> with Docker's reason. Run on the test harness against the real engine.
/// </summary>
public sealed class QueryConsumerTests(DockerHost docker)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exec_request_is_answered_with_the_result()
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true);
        var containerId = await Run(worker, "sleep", "300");

        var response = await worker.Harness.GetRequestClient<ExecInContainer>()
            .GetResponse<ExecResult, ContainerNotFound, RequestRejected>(
                new ExecInContainer { ContainerId = containerId, Command = ["sh", "-c", "echo hi; exit 7"] }, Cancellation);

        Assert.True(response.Is(out Response<ExecResult>? result));
        Assert.NotNull(result);
        Assert.Equal(7, result.Message.ExitCode);
        Assert.Equal("hi\n", result.Message.Output);
    }

    [Fact]
    public async Task Requests_about_a_container_Docker_does_not_have_are_answered_not_found()
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true);
        var missing = Guid.NewGuid();

        var exec = await worker.Harness.GetRequestClient<ExecInContainer>()
            .GetResponse<ExecResult, ContainerNotFound, RequestRejected>(new ExecInContainer { ContainerId = missing, Command = ["true"] }, Cancellation);
        var logs = await worker.Harness.GetRequestClient<GetContainerLogs>()
            .GetResponse<ContainerLogs, ContainerNotFound, RequestRejected>(new GetContainerLogs { ContainerId = missing }, Cancellation);
        var top = await worker.Harness.GetRequestClient<GetContainerTop>()
            .GetResponse<ContainerTop, ContainerNotFound, RequestRejected>(new GetContainerTop { ContainerId = missing }, Cancellation);
        var stats = await worker.Harness.GetRequestClient<GetContainerStats>()
            .GetResponse<ContainerStats, ContainerNotFound, RequestRejected>(new GetContainerStats { ContainerId = missing }, Cancellation);

        Assert.True(exec.Is(out Response<ContainerNotFound>? execNotFound));
        Assert.NotNull(execNotFound);
        Assert.Equal(missing, execNotFound.Message.ContainerId);
        Assert.True(logs.Is(out Response<ContainerNotFound>? _));
        Assert.True(top.Is(out Response<ContainerNotFound>? _));
        Assert.True(stats.Is(out Response<ContainerNotFound>? _));
    }

    [Fact]
    public async Task Requests_Docker_refuses_are_rejected_with_Dockers_reason()
    {
        await using var worker = await LiveWorker.StartAsync(docker, liveState: false, consumers: true);
        var containerId = await Run(worker, "true");
        await docker.Docker.Containers.WaitContainerAsync($"zun-{containerId:D}", Cancellation);

        var exec = await worker.Harness.GetRequestClient<ExecInContainer>()
            .GetResponse<ExecResult, ContainerNotFound, RequestRejected>(new ExecInContainer { ContainerId = containerId, Command = ["true"] }, Cancellation);
        var top = await worker.Harness.GetRequestClient<GetContainerTop>()
            .GetResponse<ContainerTop, ContainerNotFound, RequestRejected>(new GetContainerTop { ContainerId = containerId }, Cancellation);

        Assert.True(exec.Is(out Response<RequestRejected>? execRejected));
        Assert.NotNull(execRejected);
        Assert.Contains("is not running", execRejected.Message.Reason, StringComparison.Ordinal);
        Assert.True(top.Is(out Response<RequestRejected>? topRejected));
        Assert.NotNull(topRejected);
        Assert.Contains("is not running", topRejected.Message.Reason, StringComparison.Ordinal);
    }

    private Task<Guid> Run(LiveWorker worker, params string[] command) => worker.Run(docker.Spec(command));
}
