using Zun.Client;
using Zun.Contracts;
using Zun.Hosting;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.Cli.Tests;

/// <summary>Zun.Client against a real conductor and worker: outcomes, streams and queries.</summary>
public sealed class ZunClientTests(SharedZun zun) : IAsyncLifetime
{
    private ZunClient? _client;

    private ZunTestSystem System => zun.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ZunClient Client => _client!;

    public async ValueTask InitializeAsync() =>
        _client = await ZunClient.ConnectAsync(new ZunClientOptions { Url = System.RabbitUrl, ProjectId = "client-tests", UserId = "tester" }, cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
            await _client.DisposeAsync();
    }

    private static CreateContainer Sleeper() => new() { Image = ZunTestSystem.BusyboxImage, Command = ["sleep", "300"], Run = true };

    [Fact]
    public async Task A_put_too_large_for_one_message_is_refused_by_the_client_without_sending_it()
    {
        var data = new string('A', ArchiveLimits.MaxDataCharacters + 4);

        var put = await Client.PutArchiveAsync(new PutArchive { ContainerId = Guid.NewGuid(), Path = "/tmp", Data = data }, Ct);

        Assert.Equal(QueryStatus.Rejected, put.Status);
        Assert.StartsWith($"data is {data.Length} characters of base64, more than any worker takes", put.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_returns_the_completed_outcome_with_status_and_host()
    {
        var outcome = await Client.CreateContainerAsync(Sleeper(), cancellationToken: Ct);

        Assert.Equal(OperationState.Completed, outcome.State);
        Assert.True(outcome.Succeeded);
        Assert.Equal(ContainerAction.Create, outcome.Action);
        Assert.Equal(ContainerStatus.Running, outcome.Status);
        Assert.Equal(System.WorkerHost, outcome.Host);
        Assert.NotNull(outcome.ContainerId);
        Assert.NotEqual(Guid.Empty, outcome.OperationId);
    }

    [Fact]
    public async Task A_create_that_fails_returns_the_failed_outcome_with_the_reason()
    {
        var image = $"127.0.0.1:5000/zun-missing-{Guid.NewGuid():N}:latest";

        var outcome = await Client.CreateContainerAsync(Sleeper() with { Image = image }, cancellationToken: Ct);

        Assert.Equal(OperationState.Failed, outcome.State);
        Assert.Contains(image, outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(ContainerStatus.Error, outcome.Status);
    }

    [Fact]
    public async Task A_start_of_a_running_container_returns_the_rejected_outcome()
    {
        var created = await Client.CreateContainerAsync(Sleeper(), cancellationToken: Ct);

        var outcome = await Client.StartContainerAsync(new StartContainer { ContainerId = created.ContainerId!.Value }, cancellationToken: Ct);

        Assert.Equal(OperationState.Rejected, outcome.State);
        Assert.Contains("start", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("Running", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_reports_the_operations_events_before_its_outcome()
    {
        var progress = new List<ZunEvent>();

        var outcome = await Client.CreateContainerAsync(Sleeper(), new WaitOptions { Progress = new SyncProgress(progress.Add) }, cancellationToken: Ct);

        Assert.True(outcome.Succeeded);
        Assert.IsType<OperationAccepted>(progress[0].Message);
        Assert.Contains(progress, e => e.Message is OperationDispatched d && d.Host == System.WorkerHost);
        Assert.Contains(progress, e => e.Message is ContainerStatusChanged { TaskState: TaskState.ContainerCreating });
        Assert.All(progress, e => Assert.Equal(outcome.OperationId, e.OperationId));
    }

    [Fact]
    public async Task The_status_stream_of_a_container_follows_it_in_order_and_only_it()
    {
        var create = Sleeper() with { ContainerId = Guid.NewGuid() };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stream = Client.WatchContainerAsync(create.ContainerId, cancel.Token);

        await Client.CreateContainerAsync(Sleeper(), cancellationToken: Ct);
        await Client.CreateContainerAsync(create, cancellationToken: Ct);
        await Client.KillContainerAsync(new KillContainer { ContainerId = create.ContainerId }, cancellationToken: Ct);

        var seen = new List<ContainerStatusChanged>();
        await foreach (var changed in stream)
        {
            seen.Add(changed);
            if (changed.Status == ContainerStatus.Stopped && changed.TaskState is null)
                break;
        }

        Assert.All(seen, e => Assert.Equal(create.ContainerId, e.ContainerId));
        Assert.Equal(ContainerStatus.Creating, seen[0].Status);
        Assert.Contains(seen, e => e.Status == ContainerStatus.Running && e.TaskState is null);
        Assert.Equal(137, seen[^1].ExitCode);
        Assert.Equal(seen.OrderBy(e => e.Timestamp).ToList(), seen);
    }

    [Fact]
    public async Task Waiting_for_an_operation_that_already_ended_answers_from_the_conductors_record()
    {
        var published = await Client.PublishAsync(Sleeper(), cancellationToken: Ct);
        await System.Events.Outcome(published.OperationId);

        var outcome = await Client.WaitForOutcomeAsync(published.OperationId, cancellationToken: Ct);

        Assert.Equal(OperationState.Completed, outcome.State);
        Assert.Equal(published.ContainerId, outcome.ContainerId);
        Assert.Equal(ContainerStatus.Running, outcome.Status);
    }

    [Fact]
    public async Task Published_commands_carry_the_clients_project_and_user()
    {
        var published = await Client.PublishAsync(Sleeper(), cancellationToken: Ct);

        var accepted = await System.Events.WaitFor<OperationAccepted>(e => e.OperationId == published.OperationId);

        Assert.Equal(ContainerAction.Create, published.Action);
        Assert.Equal("client-tests", accepted.ProjectId);
        Assert.Equal("tester", accepted.UserId);
    }

    [Fact]
    public async Task Queries_answer_found_and_not_found()
    {
        var created = await Client.CreateContainerAsync(Sleeper() with { Name = "client-query" }, cancellationToken: Ct);

        var found = await Client.GetContainerAsync(created.ContainerId!.Value, cancellationToken: Ct);
        var missing = await Client.GetContainerAsync(Guid.NewGuid(), cancellationToken: Ct);
        var operation = await Client.GetOperationAsync(created.OperationId, cancellationToken: Ct);
        var noOperation = await Client.GetOperationAsync(Guid.NewGuid(), cancellationToken: Ct);
        var listed = await Client.ListContainersAsync(new ListContainers { Name = "client-query" }, cancellationToken: Ct);

        Assert.True(found.Found);
        Assert.Equal(ContainerStatus.Running, found.Value.Status);
        Assert.Equal(QueryStatus.NotFound, missing.Status);
        Assert.Equal(OperationState.Completed, operation.Value!.State);
        Assert.Equal(QueryStatus.NotFound, noOperation.Status);
        Assert.Contains(listed, c => c.ContainerId == created.ContainerId);
    }

    [Fact]
    public async Task Heartbeats_name_the_live_worker()
    {
        var hosts = await Client.ListenForHeartbeatsAsync(TimeSpan.FromSeconds(2.5), cancellationToken: Ct);

        var worker = Assert.Single(hosts, h => h.Host == System.WorkerHost);
        Assert.True(worker.Cpus > 0);
    }

    [Fact]
    public async Task A_command_without_a_container_id_is_refused_before_it_is_published()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.StartContainerAsync(new StartContainer(), cancellationToken: Ct));
    }

    [Fact]
    public async Task Connecting_to_no_broker_fails_within_the_timeout()
    {
        var error = await Assert.ThrowsAsync<ZunConnectionException>(() => ZunClient.ConnectAsync(
            new ZunClientOptions { Url = "amqp://guest:guest@127.0.0.1:1/", ConnectTimeout = TimeSpan.FromSeconds(2) }, Ct));

        Assert.StartsWith("cannot connect to RabbitMQ at amqp://guest:***@127.0.0.1:1/", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class SyncProgress(Action<ZunEvent> report) : IProgress<ZunEvent>
    {
        public void Report(ZunEvent value) => report(value);
    }
}
