using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.StateMachines;

namespace Zun.Persistence.Tests.MongoDb;

/// <summary>The store contract on a real MongoDB, in a database of the test's own that is dropped afterwards.</summary>
public sealed class MongoSagaStoreTests : SagaDocumentStoreContract, IAsyncDisposable
{
    private MongoSagaDatabase? _database;

    protected override async Task<ISagaDocumentStore<TrackedContainer>> CreateStoreAsync()
    {
        _database = await MongoTestServer.CreateDatabaseAsync(Ct);
        var store = new MongoSagaStore<TrackedContainer>(_database, ConductorSagaFields.Containers);
        await store.InitializeAsync(Ct);
        return store;
    }

    public ValueTask DisposeAsync() => MongoTestServer.DropAsync(_database);
}
