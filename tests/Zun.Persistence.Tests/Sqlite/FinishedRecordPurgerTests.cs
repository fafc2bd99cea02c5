using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Zun.Conductor.Operations;
using Zun.Conductor.Options;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.Retention;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>The conductor's purge of finished records, on a SQLite file as the conductor opens it.</summary>
public sealed class FinishedRecordPurgerTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private readonly TempSqliteFile _file = new();
    private readonly SqliteSagaDatabase _database;
    private readonly SqliteSagaStore<TrackedOperation> _operations;
    private readonly SqliteSagaStore<ImagePull> _imagePulls;

    public FinishedRecordPurgerTests()
    {
        _database = new SqliteSagaDatabase(_file.Path, TimeSpan.FromSeconds(10));
        _operations = new SqliteSagaStore<TrackedOperation>(_database, ConductorSagaFields.Operations, NullLogger<SqliteSagaStore<TrackedOperation>>.Instance);
        _imagePulls = new SqliteSagaStore<ImagePull>(_database, ConductorSagaFields.ImagePulls, NullLogger<SqliteSagaStore<ImagePull>>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pass_deletes_every_record_past_retention_across_batches_and_keeps_the_rest()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = new List<Guid>();
        for (var i = 0; i < 7; i++)
            expired.Add(await InsertOperation(now - Retention - TimeSpan.FromMinutes(i + 1)));
        var recent = await InsertOperation(now - Retention + TimeSpan.FromHours(1));
        var running = await InsertOperation(finishedAt: null);
        var expiredPull = await InsertImagePull(now - Retention - TimeSpan.FromDays(1));
        var recentPull = await InsertImagePull(now - TimeSpan.FromMinutes(5));
        var pulling = await InsertImagePull(finishedAt: null);

        var purged = await CreatePurger(batchSize: 3).PurgeAsync(Ct);

        Assert.Equal((7, 1), purged);
        foreach (var id in expired)
            Assert.Null(await _operations.LoadAsync(id, Ct));
        Assert.NotNull(await _operations.LoadAsync(recent, Ct));
        Assert.NotNull(await _operations.LoadAsync(running, Ct));
        Assert.Null(await _imagePulls.LoadAsync(expiredPull, Ct));
        Assert.NotNull(await _imagePulls.LoadAsync(recentPull, Ct));
        Assert.NotNull(await _imagePulls.LoadAsync(pulling, Ct));
    }

    private FinishedRecordPurger CreatePurger(int batchSize)
    {
        var services = new ServiceCollection()
            .AddSingleton(new SagaStoreSelection(StoreProvider.Sqlite))
            .AddSingleton<ISagaDocumentStore<TrackedOperation>>(_operations)
            .AddSingleton<ISagaDocumentStore<ImagePull>>(_imagePulls)
            .BuildServiceProvider();
        var options = Options.Create(new RetentionOptions { FinishedRecordSeconds = (int)Retention.TotalSeconds, PurgeBatchSize = batchSize });
        return new FinishedRecordPurger(services, options, TimeProvider.System, NullLogger<FinishedRecordPurger>.Instance);
    }

    private async Task<Guid> InsertOperation(DateTimeOffset? finishedAt)
    {
        var operation = new TrackedOperation
        {
            CorrelationId = Guid.NewGuid(),
            CurrentState = (finishedAt is null ? OperationState.Dispatched : OperationState.Completed).ToString(),
            Action = ContainerAction.Start,
            FinishedAt = finishedAt,
        };
        await _operations.InsertAsync(operation, Ct);
        return operation.CorrelationId;
    }

    private async Task<Guid> InsertImagePull(DateTimeOffset? finishedAt)
    {
        var pull = new ImagePull
        {
            CorrelationId = Guid.NewGuid(),
            CurrentState = finishedAt is null ? "Pulling" : "Succeeded",
            Image = "busybox:latest",
            Host = "host-a",
            FinishedAt = finishedAt,
        };
        await _imagePulls.InsertAsync(pull, Ct);
        return pull.CorrelationId;
    }

    public void Dispose()
    {
        _database.Dispose();
        _file.Dispose();
    }
}
