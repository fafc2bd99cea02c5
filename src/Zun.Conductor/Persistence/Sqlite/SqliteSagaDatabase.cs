using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>
/// The conductor's SQLite file. Every operation takes its own connection (Microsoft.Data.Sqlite pools them), so
/// any number of consumers use it at once; SQLite's file locks keep several processes on one file consistent.
/// </summary>
internal sealed class SqliteSagaDatabase : IDisposable
{
    private static readonly object Configured = new();

    /// <summary>The value of <c>PRAGMA auto_vacuum</c> for INCREMENTAL.</summary>
    private const int IncrementalAutoVacuum = 2;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly SemaphoreSlim _walGate = new(1, 1);

    /// <summary>The physical connections (SQLite handles, which the pool keeps across opens) already set up.</summary>
    private readonly ConditionalWeakTable<sqlite3, object> _configured = new();
    private volatile bool _walEnabled;

    public SqliteSagaDatabase(string path, TimeSpan busyTimeout)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);

        _busyTimeoutMilliseconds = (int)busyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds) + 5,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>An open connection, set up for concurrent use; dispose it to return it to the pool.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await EnableWalAsync(connection, cancellationToken);

            // Both settings belong to the physical connection, which the pool keeps open across opens: set them the
            // first time a handle is seen rather than on every open, which cost a statement per store operation.
            // busy_timeout: a writer waits inside SQLite for the write lock (another connection, or another
            // conductor process on the file) instead of failing with SQLITE_BUSY at once.
            // synchronous=NORMAL: with WAL the file can never be corrupted by a crash, and a commit survives the
            // process dying; only a power loss or OS crash can take back the last commits before a checkpoint.
            // FULL would fsync every commit, costing most of the write rate, for a store that is the
            // single-machine default; deployments that need more durability use MongoDB with a replica set.
            if (connection.Handle is not { } handle || !_configured.TryGetValue(handle, out _))
            {
                await ExecuteAsync(connection, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;", cancellationToken);
                if (connection.Handle is { } configured)
                    _configured.AddOrUpdate(configured, Configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Whether the file returns freed pages to the file system. Files made before this setting existed do not, and
    /// only an offline <c>VACUUM</c> can change that.
    /// </summary>
    public async Task<bool> ReclaimsFreePagesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA auto_vacuum;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == IncrementalAutoVacuum;
    }

    /// <summary>
    /// Truncates the file by its free pages (a no-op on files that do not reclaim them). It takes the write lock for
    /// as long as moving the pages takes, so callers free a bounded amount between calls.
    /// </summary>
    public static Task ReclaimFreePagesAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "PRAGMA incremental_vacuum;", cancellationToken);

    public void Dispose()
    {
        // Pooled connections keep the file open; the process (or test) that disposes the store lets it go.
        using (var connection = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(connection);
        _walGate.Dispose();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // WAL lets readers go on while one writer commits, and it is a property of the file: set once, it stays.
    private async Task EnableWalAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (_walEnabled)
            return;

        await _walGate.WaitAsync(cancellationToken);
        try
        {
            if (_walEnabled)
                return;

            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds};", cancellationToken);

            // Only possible before the first table: a new file returns the pages that retention frees to the file
            // system (ReclaimFreePagesAsync) instead of keeping the size of its busiest day for good.
            await ExecuteAsync(connection, "PRAGMA auto_vacuum = INCREMENTAL;", cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"SQLite file {Path} cannot use write-ahead logging (journal_mode is {mode}); is it on a network file system?");
            _walEnabled = true;
        }
        finally
        {
            _walGate.Release();
        }
    }
}
