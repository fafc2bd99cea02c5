using MongoDB.Driver;
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
        var url = MongoTestServer.Require();
        _database = new MongoSagaDatabase(url, $"zun_test_{Guid.NewGuid():N}");
        await _database.PingAsync(TimeSpan.FromSeconds(5), Ct);
        var store = new MongoSagaStore<TrackedContainer>(_database, ConductorSagaFields.Containers);
        await store.InitializeAsync(Ct);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is null)
            return;
        await _database.Database.Client.DropDatabaseAsync(_database.Database.DatabaseNamespace.DatabaseName);
        _database.Dispose();
    }
}
