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
        _database ??= await MongoTestServer.CreateDatabaseAsync(Ct);
        var store = new MongoSagaStore<TSaga>(_database, fields);
        await store.InitializeAsync(Ct);
        return store;
    }

    public ValueTask DisposeAsync() => MongoTestServer.DropAsync(_database);
}
