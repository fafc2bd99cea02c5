using Microsoft.Extensions.Logging.Abstractions;
using Zun.Conductor.Operations;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.StateMachines;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>The retention contract on a SQLite file of the test's own.</summary>
public sealed class SqliteRetentionTests : SagaRetentionContract, IDisposable
{
    private readonly TempSqliteFile _file = new();
    private SqliteSagaDatabase? _database;

    protected override async Task<ISagaDocumentStore<TrackedOperation>> CreateOperationStoreAsync() =>
        await CreateAsync(ConductorSagaFields.Operations);

    protected override async Task<ISagaDocumentStore<TrackedContainer>> CreateContainerStoreAsync() =>
        await CreateAsync(ConductorSagaFields.Containers);

    private async Task<ISagaDocumentStore<TSaga>> CreateAsync<TSaga>(SagaFieldMap<TSaga> fields)
        where TSaga : class, MassTransit.ISagaVersion
    {
        _database ??= new SqliteSagaDatabase(_file.Path, TimeSpan.FromSeconds(10));
        var store = new SqliteSagaStore<TSaga>(_database, fields, NullLogger<SqliteSagaStore<TSaga>>.Instance);
        await store.InitializeAsync(Ct);
        return store;
    }

    public void Dispose()
    {
        _database?.Dispose();
        _file.Dispose();
    }
}
