using Zun.Cli.Tests.Infrastructure;
using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli.Tests;

/// <summary>
/// Zun.Client's messages on the wire and its reading of the answers, for the commands and queries the real
/// worker does not carry out yet, against a fake conductor on the real RabbitMQ.
/// </summary>
public sealed class ZunClientRequestTests(FakeConductorFixture fixture) : IClassFixture<FakeConductorFixture>, IAsyncLifetime
{
    private static readonly Guid ContainerId = FakeConductor.Container.ContainerId;
    private ZunClient? _client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ZunClient Client => _client!;

    private FakeConductor Fake => fixture.Fake;

    public async ValueTask InitializeAsync() =>
        _client = await ZunClient.ConnectAsync(new ZunClientOptions { Url = Fake.RabbitUrl, ProjectId = "p", UserId = "u" }, cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
            await _client.DisposeAsync();
    }

    [Fact]
    public async Task Every_container_command_gets_an_operation_id_project_and_user_and_its_outcome_is_awaited()
    {
        var outcomes = new[]
        {
            await Client.RestartContainerAsync(new RestartContainer { ContainerId = ContainerId, TimeoutSeconds = 4 }, cancellationToken: Ct),
            await Client.PauseContainerAsync(new PauseContainer { ContainerId = ContainerId }, cancellationToken: Ct),
            await Client.UnpauseContainerAsync(new UnpauseContainer { ContainerId = ContainerId }, cancellationToken: Ct),
            await Client.UpdateContainerAsync(new UpdateContainer { ContainerId = ContainerId, MemoryMb = 64 }, cancellationToken: Ct),
            await Client.CommitContainerAsync(new CommitContainer { ContainerId = ContainerId, Repository = "r", Tag = "t" }, cancellationToken: Ct),
            await Client.RebuildContainerAsync(new RebuildContainer { ContainerId = ContainerId, Image = "i" }, cancellationToken: Ct),
        };

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        var restart = await Fake.ReceivedOne<RestartContainer>(m => m.OperationId == outcomes[0].OperationId);
        Assert.Equal((4, "p", "u"), (restart.TimeoutSeconds, restart.ProjectId, restart.UserId));
        Assert.Equal(ContainerStatus.Paused, outcomes[1].Status);
        Assert.Equal(64, (await Fake.ReceivedOne<UpdateContainer>(m => m.OperationId == outcomes[3].OperationId)).MemoryMb);
        Assert.Equal("t", (await Fake.ReceivedOne<CommitContainer>(m => m.OperationId == outcomes[4].OperationId)).Tag);
        Assert.Equal("i", (await Fake.ReceivedOne<RebuildContainer>(m => m.OperationId == outcomes[5].OperationId)).Image);
    }

    [Fact]
    public async Task A_command_keeps_the_ids_and_project_it_was_given()
    {
        var operationId = Guid.NewGuid();

        var published = await Client.PublishAsync(new PauseContainer { OperationId = operationId, ContainerId = ContainerId, ProjectId = "other" }, cancellationToken: Ct);

        var sent = await Fake.ReceivedOne<PauseContainer>(m => m.OperationId == operationId);
        Assert.Equal(operationId, published.OperationId);
        Assert.Equal("other", sent.ProjectId);
        Assert.Equal("u", sent.UserId);
    }

    [Fact]
    public async Task Exec_returns_the_output_and_exit_code_or_the_rejection()
    {
        var ran = await Client.ExecInContainerAsync(new ExecInContainer { ContainerId = ContainerId, Command = ["sh", "exit3"], TimeoutSeconds = 3 }, cancellationToken: Ct);
        var refused = await Client.ExecInContainerAsync(new ExecInContainer { ContainerId = ContainerId, Command = ["refuse"] }, cancellationToken: Ct);

        Assert.True(ran.Found);
        Assert.Equal("ran: sh exit3\n", ran.Value.Output);
        Assert.Equal(3, ran.Value.ExitCode);
        var sent = await Fake.ReceivedOne<ExecInContainer>(m => m.Command.SequenceEqual(["sh", "exit3"]));
        Assert.Equal((3, "p", "u"), (sent.TimeoutSeconds, sent.ProjectId, sent.UserId));
        Assert.NotEqual(Guid.Empty, sent.OperationId);
        Assert.Equal(QueryStatus.Rejected, refused.Status);
        Assert.Equal("cannot execute in a container in status Stopped", refused.Reason);
    }

    [Fact]
    public async Task Logs_top_and_stats_are_answered()
    {
        var since = new DateTimeOffset(2026, 1, 1, 0, 0, 4, TimeSpan.Zero);

        var logs = await Client.GetContainerLogsAsync(new GetContainerLogs { ContainerId = ContainerId, Since = since, Stdout = true }, cancellationToken: Ct);
        var top = await Client.GetContainerTopAsync(new GetContainerTop { ContainerId = ContainerId }, cancellationToken: Ct);
        var stats = await Client.GetContainerStatsAsync(new GetContainerStats { ContainerId = ContainerId }, cancellationToken: Ct);

        Assert.Equal("line 4\nline 5\n", logs.Value!.Output);
        Assert.True((await Fake.ReceivedOne<GetContainerLogs>(m => m.Since == since)).Stdout);
        Assert.Equal(["PID", "CMD"], top.Value!.Titles);
        Assert.Equal(12.5, stats.Value!.CpuPercent);
    }
}
