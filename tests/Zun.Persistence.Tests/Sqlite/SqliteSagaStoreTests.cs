using Zun.Conductor.Persistence;
using Zun.Conductor.StateMachines;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>The store contract on a SQLite file of the test's own.</summary>
public sealed class SqliteSagaStoreTests : SagaDocumentStoreContract, IDisposable
{
    private readonly TempSqliteFile _file = new();
    private SqliteStoreHandle? _handle;

    protected override async Task<ISagaDocumentStore<TrackedContainer>> CreateStoreAsync()
    {
        _handle = new SqliteStoreHandle(_file.Path);
        await _handle.Store.InitializeAsync(Ct);
        return _handle.Store;
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _file.Dispose();
    }
}
