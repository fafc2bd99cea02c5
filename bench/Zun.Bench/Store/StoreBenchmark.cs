using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Zun.Bench.Infrastructure;
using Zun.Bench.Output;
using Zun.Conductor.Operations;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.Scheduling;
using Zun.Conductor.Scheduling.Sqlite;
using Zun.Conductor.StateMachines;
using Zun.Contracts;

namespace Zun.Bench.Store;

/// <summary>
/// The saga store alone, as the conductor uses it (the same classes, the same field map and indexes): inserts of new
/// containers, a load followed by a version-guarded update, and queries by indexed fields; for the SQLite store
/// also the scheduler's add and cancel, which every dispatched operation costs.
/// </summary>
internal sealed class StoreBenchmark(BenchEnvironment environment, int count, IReadOnlyList<int> concurrencies)
{
    private const int Projects = 100;

    public async Task<List<StoreResult>> RunAsync()
    {
        var results = new List<StoreResult>();
        var path = Path.Combine(environment.WorkDirectory, $"store-{Guid.NewGuid():N}.db");
        using (var sqlite = new SqliteSagaDatabase(path, TimeSpan.FromSeconds(10)))
        {
            var store = new SqliteSagaStore<TrackedContainer>(sqlite, ConductorSagaFields.Containers, NullLogger<SqliteSagaStore<TrackedContainer>>.Instance);
            results.AddRange(await MeasureAsync("SQLite", store));
            results.AddRange(await MeasureSchedulesAsync(new SqliteScheduleStore(sqlite)));
            var operations = new SqliteSagaStore<TrackedOperation>(sqlite, ConductorSagaFields.Operations, NullLogger<SqliteSagaStore<TrackedOperation>>.Instance);
            results.Add(await MeasurePurgeAsync("SQLite", operations));
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(file);

        if (environment.MongoUrl is { } mongoUrl)
        {
            using var mongo = new MongoSagaDatabase(mongoUrl, $"zun_bench_store_{Guid.NewGuid():N}"[..30]);
            await mongo.PingAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            results.AddRange(await MeasureAsync("MongoDB", new MongoSagaStore<TrackedContainer>(mongo, ConductorSagaFields.Containers)));
            results.Add(await MeasurePurgeAsync("MongoDB", new MongoSagaStore<TrackedOperation>(mongo, ConductorSagaFields.Operations)));
            await mongo.Database.Client.DropDatabaseAsync(mongo.Database.DatabaseNamespace.DatabaseName);
        }
        else
        {
            AnsiConsole.MarkupLine("[yellow]saga store on MongoDB: skipped (set ZUN_BENCH_MONGO_URL or ZUN_TEST_MONGO_URL)[/]");
            results.Add(new StoreResult { Store = "MongoDB", Operation = "all", Skipped = "no MongoDB configured (ZUN_BENCH_MONGO_URL / ZUN_TEST_MONGO_URL unset)" });
        }

        return results;
    }

    private async Task<List<StoreResult>> MeasureAsync(string name, ISagaDocumentStore<TrackedContainer> store)
    {
        await store.InitializeAsync(CancellationToken.None);
        var results = new List<StoreResult>();
        foreach (var concurrency in concurrencies)
        {
            var instances = Enumerable.Range(0, count).Select(NewContainer).ToArray();
            results.Add(await Measure(name, "insert", concurrency, instances, i => store.InsertAsync(i, CancellationToken.None)));
            results.Add(await Measure(name, "load+update", concurrency, instances, async i =>
            {
                var loaded = await store.LoadAsync(i.CorrelationId, CancellationToken.None) ?? throw new InvalidOperationException("lost an instance");
                loaded.Status = ContainerStatus.Stopped;
                loaded.UpdatedAt = DateTimeOffset.UtcNow;
                await store.UpdateAsync(loaded, CancellationToken.None);
            }));
            var projects = Enumerable.Range(0, Math.Min(count, 1000)).Select(i => $"project-{i % Projects}").ToArray();
            results.Add(await Measure(name, $"query (project and status, ~{count / Projects} rows)", concurrency, projects, async p =>
            {
                var found = await store.QueryAsync(x => x.ProjectId == p && x.Status == ContainerStatus.Stopped, CancellationToken.None);
                if (found.Count == 0)
                    throw new InvalidOperationException("query found nothing");
            }));
            results.Add(await Measure(name, "query (state Placing, none match)", concurrency, projects, p =>
                store.QueryAsync(x => x.CurrentState == ContainerStateMachine.PlacingStateName, CancellationToken.None)));
        }

        return results;
    }

    /// <summary>The retention purge: operation records that ended long ago, deleted in the conductor's batches.</summary>
    private async Task<StoreResult> MeasurePurgeAsync(string name, ISagaDocumentStore<TrackedOperation> store)
    {
        const int batchSize = 1000;
        await store.InitializeAsync(CancellationToken.None);
        var endedAt = DateTimeOffset.UtcNow.AddDays(-30);
        for (var i = 0; i < count; i++)
        {
            await store.InsertAsync(new TrackedOperation
            {
                CorrelationId = Guid.NewGuid(),
                CurrentState = nameof(OperationState.Completed),
                ContainerId = Guid.NewGuid(),
                Action = ContainerAction.Create,
                Host = "host-a",
                ProjectId = $"project-{i % Projects}",
                AcceptedAt = endedAt.AddSeconds(-1),
                DispatchedAt = endedAt.AddMilliseconds(-900),
                FinishedAt = endedAt.AddMilliseconds(i),
            }, CancellationToken.None);
        }

        var batches = new List<TimeSpan>();
        var deleted = 0;
        var total = Stopwatch.StartNew();
        int inBatch;
        do
        {
            var start = Stopwatch.GetTimestamp();
            inBatch = await store.DeleteEndedBeforeAsync(DateTimeOffset.UtcNow.AddDays(-1), batchSize, CancellationToken.None);
            batches.Add(Stopwatch.GetElapsedTime(start));
            deleted += inBatch;
        }
        while (inBatch == batchSize);
        total.Stop();

        if (deleted != count)
            throw new InvalidOperationException($"the purge deleted {deleted} of {count} ended records");
        var sorted = Percentiles.Sorted([.. batches]);
        var result = new StoreResult
        {
            Store = name,
            Operation = $"purge ended operation records (ops/s: records; p50/p99: per batch of {batchSize})",
            Concurrency = 1,
            Count = deleted,
            OperationsPerSecond = Math.Round(deleted / total.Elapsed.TotalSeconds, 0),
            P50Ms = Math.Round(Percentiles.Of(sorted, 50), 3),
            P99Ms = Math.Round(Percentiles.Of(sorted, 99), 3),
        };
        AnsiConsole.MarkupLine($"  {name} purge: [bold]{result.OperationsPerSecond:0} records/s[/], {result.P50Ms:0.000} ms per batch of {batchSize}");
        return result;
    }

    private async Task<List<StoreResult>> MeasureSchedulesAsync(SqliteScheduleStore schedules)
    {
        var results = new List<StoreResult>();
        foreach (var concurrency in concurrencies)
        {
            var records = Enumerable.Range(0, count).Select(_ => new ScheduledMessageRecord(
                Guid.NewGuid(), new Uri("exchange:zun-conductor"), "urn:message:Zun.Conductor.StateMachines:OperationDeadlineExpired",
                """{"containerId":"5f0c2b8e-8a5e-4a55-9a3e-0d6a4b7f6c11","operationId":"6a1d3c9f-1b6f-4b66-8b4f-1e7b5c8d7e22"}""",
                DateTimeOffset.UtcNow.AddMinutes(5))).ToArray();
            results.Add(await Measure("SQLite", "schedule add", concurrency, records, r => schedules.Add(r, CancellationToken.None)));
            results.Add(await Measure("SQLite", "schedule cancel", concurrency, records, r => schedules.Cancel(r.TokenId, CancellationToken.None)));
        }

        return results;
    }

    private static async Task<StoreResult> Measure<T>(string store, string operation, int concurrency, IReadOnlyList<T> items, Func<T, Task> work)
    {
        var latencies = new TimeSpan[items.Count];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                var start = Stopwatch.GetTimestamp();
                await work(items[i]);
                latencies[i] = Stopwatch.GetElapsedTime(start);
            }
        })));
        total.Stop();

        var sorted = Percentiles.Sorted(latencies);
        var result = new StoreResult
        {
            Store = store,
            Operation = operation,
            Concurrency = concurrency,
            Count = items.Count,
            OperationsPerSecond = Math.Round(items.Count / total.Elapsed.TotalSeconds, 0),
            P50Ms = Math.Round(Percentiles.Of(sorted, 50), 3),
            P99Ms = Math.Round(Percentiles.Of(sorted, 99), 3),
        };
        AnsiConsole.MarkupLine($"  {store} {Markup.Escape(operation)} x{concurrency}: [bold]{result.OperationsPerSecond:0}/s[/] p50 {result.P50Ms:0.000} p99 {result.P99Ms:0.000} ms");
        return result;
    }

    /// <summary>A container as the conductor keeps it once created and running: spec, host, one finished operation.</summary>
    internal static TrackedContainer NewContainer(int i)
    {
        var now = DateTimeOffset.UtcNow;
        var operationId = Guid.NewGuid();
        var container = new TrackedContainer
        {
            CorrelationId = Guid.NewGuid(),
            CurrentState = "Idle",
            Status = ContainerStatus.Running,
            Host = "bench-host",
            HostEndpoint = "zun-worker-bench-host",
            ProjectId = $"project-{i % Projects}",
            UserId = "bench-user",
            CreatedAt = now,
            UpdatedAt = now,
            LastHostEventAt = now,
            Spec = new Zun.Contracts.Hosts.ContainerSpec
            {
                Image = BenchEnvironment.BusyboxImage,
                Command = ["sleep", "300"],
                Labels = new Dictionary<string, string> { ["zun.bench"] = "true" },
            },
        };
        container.RecentOperations.Add(new OperationSummary
        {
            OperationId = operationId,
            Action = ContainerAction.Create,
            State = OperationState.Completed,
            AcceptedAt = now,
            FinishedAt = now,
        });
        return container;
    }
}
