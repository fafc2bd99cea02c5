using MassTransit;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.Operations;
using Zun.Conductor.Placement;
using Zun.Conductor.Quotas;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Persistence.Tests.Infrastructure;
using Zun.Testing.Harness;

namespace Zun.Persistence.Tests.Harness;

/// <summary>
/// The conductor's state machines on MassTransit's test harness, through the real saga repository registration:
/// in memory as unit tests use it, and end to end on a SQLite file.
/// </summary>
public sealed class ConductorHarnessTests : IDisposable
{
    private readonly TempSqliteFile _file = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_store_the_conductor_runs_on_the_test_harness_with_MassTransits_repository()
    {
        await using var conductor = await HarnessConductor.StartAsync(new());
        var create = NewCreate();

        await conductor.Harness.Bus.Publish(create, Ct);

        Assert.True(await conductor.Harness.Published.Any<OperationAccepted>(x => x.Context.Message.OperationId == create.OperationId, Ct));
        var containers = conductor.Harness.GetSagaStateMachineHarness<ContainerStateMachine, TrackedContainer>();
        Assert.NotNull(await containers.Exists(create.ContainerId, x => x.Placing));
        Assert.IsType<InMemorySagaRepositoryContextFactory<TrackedContainer>>(RepositoryOf<TrackedContainer>(conductor));
    }

    [Fact]
    public async Task Without_a_store_the_test_harness_keeps_sagas_and_operation_records_in_memory()
    {
        await using var conductor = await HarnessConductor.StartAsync(new());

        Assert.IsType<InMemorySagaRepositoryContextFactory<ImagePull>>(RepositoryOf<ImagePull>(conductor));
        Assert.IsType<InMemoryOperationJournal>(conductor.Services.GetRequiredService<IOperationJournal>());
    }

    [Fact]
    public async Task On_sqlite_a_container_sent_a_worker_and_commands_at_once_ends_with_all_of_them_applied()
    {
        await using var conductor = await HarnessConductor.StartAsync(Sqlite());
        var store = conductor.Services.GetRequiredService<ISagaDocumentStore<TrackedContainer>>();
        var create = NewCreate(run: false);
        await conductor.Harness.Bus.Publish(create, Ct);
        await Eventually.Get(() => store.LoadAsync(create.ContainerId, Ct), c => c.CurrentState == "Placing", "the container to wait for a worker");
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, ProjectId = create.ProjectId };
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = create.ContainerId, ProjectId = create.ProjectId };

        // The heartbeat reaches the container through a query, outside the per-container partition, so it
        // races the commands for the same stored instance.
        await Task.WhenAll(
            conductor.Harness.Bus.Publish(new WorkerHeartbeat { Host = "host-1", Endpoint = "zun-worker-host-1", Cpus = 2, MemoryMb = 8192, Timestamp = DateTimeOffset.UtcNow }, Ct),
            Task.Run(async () =>
            {
                await conductor.Harness.Bus.Publish(start, Ct);
                await conductor.Harness.Bus.Publish(stop, Ct);
            }, Ct));

        var container = await Eventually.Get(() => store.LoadAsync(create.ContainerId, Ct),
            c => c.CurrentState == "Busy" && c.QueuedOperations.Count == 2, "the container placed with both commands queued");
        Assert.Equal("host-1", container.Host);
        Assert.Equal(create.OperationId, container.ActiveOperation!.OperationId);
        Assert.NotNull(container.ActiveOperation.DispatchedAt);
        Assert.Equal([start.OperationId, stop.OperationId], container.QueuedOperations.Select(o => o.OperationId));
        Assert.True(await conductor.Harness.Sent.Any<PerformContainerAction>(x => x.Context.Message.OperationId == create.OperationId, Ct));

        var operations = conductor.Services.GetRequiredService<ISagaDocumentStore<TrackedOperation>>();
        await Eventually.Get(() => operations.LoadAsync(create.OperationId, Ct), o => o.GetState() == OperationState.Dispatched, "the create recorded as dispatched");

        // The heartbeat's query, as MassTransit hands it over, ran as SQL rather than by scanning.
        Assert.DoesNotContain(conductor.Logs.Lines, w => w.Contains("cannot be translated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_conductors_on_one_sqlite_file_placing_at_once_on_a_host_with_room_for_six_place_exactly_six()
    {
        // (2,560 MiB - 512 reserved) * 1.5 = 3,072 MiB claimable: room for exactly six claims of 512 MiB.
        const int Room = 6;
        await using var first = await HarnessConductor.StartAsync(Sqlite());
        await using var second = await HarnessConductor.StartAsync(Sqlite());
        var heartbeat = new WorkerHeartbeat { Host = "host-1", Endpoint = "zun-worker-host-1", Cpus = 2, MemoryMb = 2560, Timestamp = DateTimeOffset.UtcNow };
        await Task.WhenAll(first.Harness.Bus.Publish(heartbeat, Ct), second.Harness.Bus.Publish(heartbeat, Ct));
        await Eventually.Get(() => Task.FromResult<object?>(KnowsHost(first) && KnowsHost(second) ? true : null), _ => true, "both conductors to hear the host");

        var creates = Enumerable.Range(0, 2 * Room).Select(_ => NewCreate(run: false) with { MemoryMb = 512 }).ToList();
        await Task.WhenAll(creates.Select((create, i) => (i % 2 == 0 ? first : second).Harness.Bus.Publish(create, Ct)));

        var store = first.Services.GetRequiredService<ISagaDocumentStore<TrackedContainer>>();
        async Task<TrackedContainer?[]?> ReadAll() => await Task.WhenAll(creates.Select(c => store.LoadAsync(c.ContainerId, Ct)));
        var settled = (await Eventually.Get(ReadAll, all => all.All(c => c is not null && (c.Host is not null || c.Status == ContainerStatus.Error)),
            "every create placed or refused")).Select(c => c!).ToList();

        Assert.Equal(Room, settled.Count(c => c.Host == "host-1"));
        Assert.All(settled.Where(c => c.Host is null), c => Assert.StartsWith("no valid host: host-1 (memory: ", c.StatusReason, StringComparison.Ordinal));
        var ledger = await first.Services.GetRequiredService<ISagaDocumentStore<HostRecord>>().LoadAsync(HostRecord.IdOf("host-1"), Ct);
        Assert.Equal(settled.Where(c => c.Host is not null).Select(c => c.CorrelationId).Order(), ledger!.Claims.Select(c => c.ContainerId).Order());
    }

    [Fact]
    public async Task Two_conductors_on_one_sqlite_file_creating_at_once_in_a_project_with_room_for_four_create_exactly_four()
    {
        const int Room = 4;
        await using var first = await HarnessConductor.StartAsync(Sqlite());
        await using var second = await HarnessConductor.StartAsync(Sqlite());
        var heartbeat = new WorkerHeartbeat { Host = "host-1", Endpoint = "zun-worker-host-1", Cpus = 2, MemoryMb = 65_536, Timestamp = DateTimeOffset.UtcNow };
        await Task.WhenAll(first.Harness.Bus.Publish(heartbeat, Ct), second.Harness.Bus.Publish(heartbeat, Ct));
        await Eventually.Get(() => Task.FromResult<object?>(KnowsHost(first) && KnowsHost(second) ? true : null), _ => true, "both conductors to hear the host");
        var limit = await first.Harness.GetRequestClient<UpdateQuota>().GetResponse<QuotaSet>(
            new UpdateQuota { ProjectId = "project-q", AllProjects = true, Limits = new QuotaLimits { Containers = Room } }, Ct);
        Assert.Equal(Room, limit.Message.Limits.Containers);

        var creates = Enumerable.Range(0, 3 * Room).Select(_ => NewCreate(run: false) with { ProjectId = "project-q" }).ToList();
        var conductorOf = creates.Select((create, i) => (create, conductor: i % 2 == 0 ? first : second)).ToList();
        await Task.WhenAll(conductorOf.Select(c => c.conductor.Harness.Bus.Publish(c.create, Ct)));

        // Every create ends either recorded (it took a slot) or rejected by the conductor it went to.
        var store = first.Services.GetRequiredService<ISagaDocumentStore<TrackedContainer>>();
        async Task<CreateTally?> Outcomes()
        {
            var won = (await Task.WhenAll(creates.Select(c => store.LoadAsync(c.ContainerId, Ct)))).OfType<TrackedContainer>().ToList();
            var rejected = conductorOf.Count(c => c.conductor.Harness.Published
                .Select<OperationRejected>(m => m.Context.Message.OperationId == c.create.OperationId, new CancellationToken(canceled: true)).Any());
            return new CreateTally(won, rejected);
        }

        var (won, rejected) = await Eventually.Get(Outcomes, o => o.Won.Count + o.Rejected == creates.Count, "every create recorded or rejected");
        Assert.Equal((Room, creates.Count - Room), (won.Count, rejected));
        var quota = await first.Services.GetRequiredService<ISagaDocumentStore<ProjectQuotaRecord>>().LoadAsync(ProjectQuotaRecord.IdOf("project-q"), Ct);
        Assert.Equal(won.Select(c => c.CorrelationId).Order(), quota!.Holdings.Select(h => h.ContainerId).Order());
    }

    private sealed record CreateTally(List<TrackedContainer> Won, int Rejected);

    private static bool KnowsHost(HarnessConductor conductor) =>
        conductor.Services.GetRequiredService<IWorkerDirectory>().LiveWorkers().Any(w => w.Host == "host-1");

    [Fact]
    public async Task Two_conductors_on_one_sqlite_file_racing_to_create_the_same_operations_record_each_once_with_both_changes()
    {
        var race = new InsertRace();
        await using var first = await HarnessConductor.StartAsync(Sqlite(), services => Race(services, race));
        await using var second = await HarnessConductor.StartAsync(Sqlite(), services => Race(services, race));
        var operationIds = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        // Either change creates the operation's record (as when a redelivered command is replayed by one conductor
        // while the other still writes); the race makes both conductors try to, so one insert loses, and its retry
        // must find the other's record and apply its change on top.
        var (firstJournal, secondJournal) = (first.Services.GetRequiredService<IOperationJournal>(), second.Services.GetRequiredService<IOperationJournal>());
        await Task.WhenAll(operationIds.SelectMany(id => new[]
        {
            firstJournal.Record(id, OperationRecordChanges.Of(
                new OperationAccepted { OperationId = id, Action = ContainerAction.Start, ProjectId = "p", Timestamp = DateTimeOffset.UtcNow }), Ct),
            secondJournal.Record(id, OperationRecordChanges.Of(
                new OperationRejected { OperationId = id, Action = ContainerAction.Start, Reason = "no", Timestamp = DateTimeOffset.UtcNow }), Ct),
        }));

        var store = first.Services.GetRequiredService<ISagaDocumentStore<TrackedOperation>>();
        foreach (var id in operationIds)
        {
            var operation = await Eventually.Get(() => store.LoadAsync(id, Ct),
                o => o.GetState() == OperationState.Rejected && o.AcceptedAt is not null, $"operation {id} to hold both events");
            Assert.Equal("no", operation.Reason);
            Assert.Equal("p", operation.ProjectId);
        }

        Assert.Equal(operationIds.Count, race.Lost);
        Assert.Equal(operationIds.Order(), (await store.QueryAsync(o => o.Action == ContainerAction.Start, Ct)).Select(o => o.CorrelationId).Order());
    }

    public void Dispose() => _file.Dispose();

    private static void Race(IServiceCollection services, InsertRace race) =>
        services.AddSingleton(provider => race.Around<TrackedOperation>(new SqliteSagaStore<TrackedOperation>(
            provider.GetRequiredService<SqliteSagaDatabase>(), ConductorSagaFields.Operations, NullLogger<SqliteSagaStore<TrackedOperation>>.Instance)));

    private Dictionary<string, string?> Sqlite() => new() { ["Zun:Store:Provider"] = "Sqlite", ["Zun:Store:Sqlite:Path"] = _file.Path };

    private static object RepositoryOf<T>(HarnessConductor conductor)
        where T : class, ISaga
    {
        using var scope = conductor.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ISagaRepositoryContextFactory<T>>();
    }

    private static CreateContainer NewCreate(bool run = true) => new()
    {
        OperationId = Guid.NewGuid(),
        ContainerId = Guid.NewGuid(),
        Image = "127.0.0.1:5000/busybox:latest",
        Command = ["sleep", "300"],
        Run = run,
        ProjectId = "project-1",
        UserId = "user-1",
    };
}
