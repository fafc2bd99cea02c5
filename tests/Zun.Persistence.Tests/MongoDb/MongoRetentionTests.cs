using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.MongoDb;

namespace Zun.Persistence.Tests.MongoDb;

/// <summary>The retention contract on a real MongoDB, in a database of the test's own that is dropped afterwards.</summary>
public sealed class MongoRetentionTests : SagaRetentionContract, IAsyncDisposable
{
    private MongoSagaDatabase? _database;

    private protected override async Task<ISagaDocumentStore<TSaga>> CreateStoreAsync<TSaga>(SagaFieldMap<TSaga> fields)
    {
        _database ??= await MongoTestServer.CreateDatabaseAsync(Ct);
        var store = new MongoSagaStore<TSaga>(_database, fields);
        await store.InitializeAsync(Ct);
        return store;
    }

    public ValueTask DisposeAsync() => MongoTestServer.DropAsync(_database);
}
