using Zun.Conductor.Persistence.MongoDb;
using Zun.Conductor.Scheduling;
using Zun.Conductor.Scheduling.MongoDb;
using Zun.Persistence.Tests.MongoDb;

namespace Zun.Persistence.Tests.Scheduling;

/// <summary>The schedule store contract on a real MongoDB (skipped without ZUN_TEST_MONGO_URL), in a database of its own.</summary>
public sealed class MongoScheduleStoreTests : ScheduleStoreContract, IAsyncDisposable
{
    private readonly string _databaseName = $"zun_test_{Guid.NewGuid():N}";
    private readonly List<MongoSagaDatabase> _databases = [];

    protected override async Task<IScheduleStore> CreateStoreAsync()
    {
        var url = MongoTestServer.Require();
        var database = new MongoSagaDatabase(url, _databaseName);
        _databases.Add(database);
        await database.PingAsync(TimeSpan.FromSeconds(5), Ct);
        return new MongoScheduleStore(database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_databases.Count > 0)
            await _databases[0].Database.Client.DropDatabaseAsync(_databaseName);
        foreach (var database in _databases)
            database.Dispose();
    }
}
