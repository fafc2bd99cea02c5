using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>
/// Saga instances of one type in one table of the SQLite file. Every write is a single statement guarded by the
/// version in its WHERE clause, so SQLite's write lock makes the check and the write one step, across connections
/// and across processes.
/// </summary>
internal sealed partial class SqliteSagaStore<TSaga> : ISagaDocumentStore<TSaga>
    where TSaga : class, ISagaVersion
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    private readonly SqliteSagaDatabase _database;
    private readonly SqliteSagaTable<TSaga> _table;
    private readonly SqliteQueryTranslator<TSaga> _translator;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, bool> _scannedShapes = new();
    private readonly Lock _initializeGate = new();
    private Task? _initialization;

    public SqliteSagaStore(SqliteSagaDatabase database, SagaFieldMap<TSaga> fields, ILogger<SqliteSagaStore<TSaga>> logger)
    {
        _database = database;
        _table = new SqliteSagaTable<TSaga>(fields);
        _translator = new SqliteQueryTranslator<TSaga>(_table);
        _logger = logger;
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        // One schema check per store, shared by the callers that arrive meanwhile; retried if it failed.
        lock (_initializeGate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
                _initialization = CreateSchemaAsync();
            return _initialization.IsCompletedSuccessfully ? Task.CompletedTask : _initialization.WaitAsync(cancellationToken);
        }
    }

    public async Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _table.SelectById;
        command.Parameters.AddWithValue("$id", IdOf(correlationId));
        var found = await ReadAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task InsertAsync(TSaga instance, CancellationToken cancellationToken)
    {
        var previous = instance.Version;
        instance.Version = 1;
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _table.Insert;
            command.Parameters.AddWithValue("$id", IdOf(instance.CorrelationId));
            command.Parameters.AddWithValue("$version", instance.Version);
            command.Parameters.AddWithValue("$document", SagaJson.Serialize(instance));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint
            && ex.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique)
        {
            instance.Version = previous;
            throw new SagaAlreadyExistsException(typeof(TSaga), instance.CorrelationId, ex);
        }
        catch
        {
            instance.Version = previous;
            throw;
        }
    }

    public async Task UpdateAsync(TSaga instance, CancellationToken cancellationToken)
    {
        var read = instance.Version;
        instance.Version = read + 1;
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _table.Update;
            command.Parameters.AddWithValue("$id", IdOf(instance.CorrelationId));
            command.Parameters.AddWithValue("$read", read);
            command.Parameters.AddWithValue("$version", instance.Version);
            command.Parameters.AddWithValue("$document", SagaJson.Serialize(instance));
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                throw new SagaVersionConflictException(typeof(TSaga), instance.CorrelationId, read);
        }
        catch
        {
            instance.Version = read;
            throw;
        }
    }

    public async Task DeleteAsync(TSaga instance, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _table.Delete;
        command.Parameters.AddWithValue("$id", IdOf(instance.CorrelationId));
        command.Parameters.AddWithValue("$read", instance.Version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            throw new SagaVersionConflictException(typeof(TSaga), instance.CorrelationId, instance.Version);
    }

    public async Task<IReadOnlyList<TSaga>> QueryAsync(Expression<Func<TSaga, bool>> filter, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (_translator.TryTranslate(filter) is { } where)
        {
            command.CommandText = $"{_table.SelectAll} WHERE {where.Sql}";
            for (var i = 0; i < where.Parameters.Count; i++)
                command.Parameters.AddWithValue($"$p{i}", where.Parameters[i] ?? DBNull.Value);
            return await ReadAsync(command, cancellationToken);
        }

        var shape = SqliteQueryTranslator<TSaga>.ShapeOf(filter);
        if (_scannedShapes.TryAdd(shape, true))
            LogScanning(_logger, typeof(TSaga).Name, _table.Name, shape);

        command.CommandText = _table.SelectAll;
        var matches = filter.Compile();
        return (await ReadAsync(command, cancellationToken)).Where(matches).ToList();
    }

    public async Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken)
    {
        var sql = _table.DeleteEndedBefore();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$before", endedBefore.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$limit", limit);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken);

        // A batch frees at most its own records' pages, so giving them back holds the write lock briefly.
        if (deleted > 0)
            await SqliteSagaDatabase.ReclaimFreePagesAsync(connection, cancellationToken);
        return deleted;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);

        // IMMEDIATE takes the write lock first, so a conductor starting beside another one waits for the other's
        // schema changes instead of racing them.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, _table.CreateTable, CancellationToken.None);
        var existing = await ColumnNamesAsync(connection, CancellationToken.None);
        foreach (var column in _table.Columns)
        {
            // A column added to the field map later is added to an existing table, and being generated from the
            // documents it needs no backfill.
            if (!existing.Contains(column.Name))
                await ExecuteAsync(connection, _table.AddColumn(column), CancellationToken.None);
            await ExecuteAsync(connection, _table.CreateIndex(column), CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    private static string IdOf(Guid correlationId) => correlationId.ToString("D");

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<TSaga>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var found = new List<TSaga>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var instance = SagaJson.Deserialize<TSaga>(reader.GetString(1));

            // The column is what writes are guarded by; the copy inside the document only follows it.
            instance.Version = reader.GetInt32(0);
            found.Add(instance);
        }

        return found;
    }

    private async Task<HashSet<string>> ColumnNamesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_xinfo('{_table.Name}')";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            names.Add(reader.GetString(0));
        return names;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await _database.OpenAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A query on {SagaType} cannot be translated to SQL, so it reads and filters every row of table {Table}; map the properties it uses in the saga's field map. Query: {Shape}")]
    private static partial void LogScanning(ILogger logger, string sagaType, string table, string shape);
}
