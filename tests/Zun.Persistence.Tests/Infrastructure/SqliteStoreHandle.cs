using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.StateMachines;

namespace Zun.Persistence.Tests.Infrastructure;

/// <summary>A container store on a SQLite file, opened as a conductor opens it: a database of its own, its own pool.</summary>
internal sealed class SqliteStoreHandle : IDisposable
{
    private readonly SqliteSagaDatabase _database;

    public SqliteStoreHandle(string path, ILogger<SqliteSagaStore<TrackedContainer>>? logger = null)
    {
        _database = new SqliteSagaDatabase(path, TimeSpan.FromSeconds(10));
        Store = new SqliteSagaStore<TrackedContainer>(
            _database, ConductorSagaFields.Containers, logger ?? NullLogger<SqliteSagaStore<TrackedContainer>>.Instance);
    }

    internal SqliteSagaStore<TrackedContainer> Store { get; }

    public string Path => _database.Path;

    public void Dispose() => _database.Dispose();
}
