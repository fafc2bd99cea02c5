using Microsoft.Extensions.Logging.Abstractions;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>The retention contract on a SQLite file of the test's own.</summary>
public sealed class SqliteRetentionTests : SagaRetentionContract, IDisposable
{
    private readonly TempSqliteFile _file = new();
    private SqliteSagaDatabase? _database;

    private protected override async Task<ISagaDocumentStore<TSaga>> CreateStoreAsync<TSaga>(SagaFieldMap<TSaga> fields)
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
