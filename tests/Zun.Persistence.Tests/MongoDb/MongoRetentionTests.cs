using Zun.Conductor.Operations;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.StateMachines;

namespace Zun.Persistence.Tests.MongoDb;

/// <summary>The retention contract on a real MongoDB, in a database of the test's own that is dropped afterwards.</summary>
public sealed class MongoRetentionTests : SagaRetentionContract, IAsyncDisposable
{
    private MongoSagaDatabase? _database;

    protected override async Task<ISagaDocumentStore<TrackedOperation>> CreateOperationStoreAsync() =>
        await CreateAsync(ConductorSagaFields.Operations);

    protected override async Task<ISagaDocumentStore<TrackedContainer>> CreateContainerStoreAsync() =>
        await CreateAsync(ConductorSagaFields.Containers);

    private async Task<ISagaDocumentStore<TSaga>> CreateAsync<TSaga>(SagaFieldMap<TSaga> fields)
        where TSaga : class, MassTransit.ISagaVersion
    {
        if (_database is null)
        {
            _database = new MongoSagaDatabase(MongoTestServer.Require(), $"zun_test_{Guid.NewGuid():N}");
            await _database.PingAsync(TimeSpan.FromSeconds(5), Ct);
        }

        var store = new MongoSagaStore<TSaga>(_database, fields);
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
