using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.Scheduling;
using Zun.Conductor.Scheduling.Sqlite;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Scheduling;

/// <summary>The schedule store contract on a SQLite file; each store made is a separate database handle, as another conductor would open.</summary>
public sealed class SqliteScheduleStoreTests : ScheduleStoreContract, IDisposable
{
    private readonly TempSqliteFile _file = new();
    private readonly List<SqliteSagaDatabase> _databases = [];

    protected override Task<IScheduleStore> CreateStoreAsync()
    {
        var database = new SqliteSagaDatabase(_file.Path, TimeSpan.FromSeconds(10));
        _databases.Add(database);
        return Task.FromResult<IScheduleStore>(new SqliteScheduleStore(database));
    }

    public void Dispose()
    {
        foreach (var database in _databases)
            database.Dispose();
        _file.Dispose();
    }
}
