using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Conductor.StateMachines;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>What the SQLite file looks like and how it is read.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private static readonly string[] QueryColumns = ["current_state", "status", "host", "requested_host", "project_id"];

    private readonly TempSqliteFile _file = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_file_is_in_wal_mode_with_an_index_on_every_query_column()
    {
        using var handle = new SqliteStoreHandle(_file.Path);
        await handle.Store.InitializeAsync(Ct);

        await using var connection = await OpenRawAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        var indexes = await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tracked_container'");
        Assert.Subset(indexes.ToHashSet(), QueryColumns.Select(c => $"ix_tracked_container_{c}").ToHashSet());
    }

    [Fact]
    public async Task The_placing_query_is_answered_from_the_state_index()
    {
        using var handle = new SqliteStoreHandle(_file.Path);
        await handle.Store.InitializeAsync(Ct);
        var table = new SqliteSagaTable<TrackedContainer>(ConductorSagaFields.Containers);
        var where = new SqliteQueryTranslator<TrackedContainer>(table).TryTranslate(saga =>
            saga.CurrentState == ContainerStateMachine.PlacingStateName && (saga.RequestedHost == null || saga.RequestedHost == "h"))!;

        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN {table.SelectAll} WHERE {where.Sql}";
        for (var i = 0; i < where.Parameters.Count; i++)
            command.Parameters.AddWithValue($"$p{i}", where.Parameters[i]);
        var plan = string.Join(" | ", await ReadColumnAsync(command, 3));

        Assert.Contains("USING INDEX ix_tracked_container_current_state", plan);
    }

    [Fact]
    public async Task A_query_that_cannot_be_translated_scans_and_warns_once_per_shape()
    {
        var logger = new RecordingLogger<SqliteSagaStore<TrackedContainer>>();
        using var handle = new SqliteStoreHandle(_file.Path, logger);
        var container = Sagas.Container();
        await handle.Store.InsertAsync(container, Ct);

        var byUser = await handle.Store.QueryAsync(x => x.UserId == container.UserId, Ct);
        _ = await handle.Store.QueryAsync(x => x.UserId == "somebody else", Ct);
        _ = await handle.Store.QueryAsync(x => x.Spec.Image == "nginx", Ct);

        Assert.Equal(container.CorrelationId, Assert.Single(byUser).CorrelationId);
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("UserId == value", warnings[0]);
        Assert.Contains("Spec.Image == value", warnings[1]);
    }

    [Fact]
    public async Task A_field_mapped_later_gets_its_column_on_the_existing_table_with_the_existing_rows()
    {
        var container = Sagas.Container(host: "host-z");
        var database = new SqliteSagaDatabase(_file.Path, TimeSpan.FromSeconds(5));
        var before = new SqliteSagaStore<TrackedContainer>(database, SagaFieldMap<TrackedContainer>.Default, NullLogger<SqliteSagaStore<TrackedContainer>>.Instance);
        await before.InsertAsync(container, Ct);
        var withoutHost = await ColumnsOfContainersAsync();
        database.Dispose();

        using var after = new SqliteStoreHandle(_file.Path);
        var found = await after.Store.QueryAsync(x => x.Host == "host-z", Ct);

        Assert.DoesNotContain("host", withoutHost);
        Assert.Contains("host", await ColumnsOfContainersAsync());
        Assert.Equal(container.CorrelationId, Assert.Single(found).CorrelationId);
    }

    [Fact]
    public async Task A_pooled_connection_opened_again_keeps_synchronous_normal_and_the_busy_timeout()
    {
        using var database = new SqliteSagaDatabase(_file.Path, TimeSpan.FromSeconds(7));
        await (await database.OpenAsync(Ct)).DisposeAsync();

        await using var again = await database.OpenAsync(Ct);

        Assert.Equal(1L, await IntegerAsync(again, "PRAGMA synchronous"));
        Assert.Equal(7000L, await IntegerAsync(again, "PRAGMA busy_timeout"));
    }

    [Fact]
    public void The_database_directory_is_created_when_missing()
    {
        using var nested = new TempSqliteFile(Path.Combine(Path.GetTempPath(), "zun-persistence-tests", $"dir-{Guid.NewGuid():N}", "sub"));

        using var database = new SqliteSagaDatabase(nested.Path, TimeSpan.FromSeconds(1));

        Assert.True(Directory.Exists(nested.Directory));
        Directory.Delete(Path.GetDirectoryName(nested.Directory)!, recursive: true);
    }

    public void Dispose() => _file.Dispose();

    private async Task<List<string>> ColumnsOfContainersAsync()
    {
        await using var connection = await OpenRawAsync();
        return await ColumnAsync(connection, "SELECT name FROM pragma_table_xinfo('tracked_container')");
    }

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task<long?> IntegerAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long?)await command.ExecuteScalarAsync(Ct);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync(Ct);
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await ReadColumnAsync(command, 0);
    }

    private static async Task<List<string>> ReadColumnAsync(SqliteCommand command, int ordinal)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            values.Add(reader.GetString(ordinal));
        return values;
    }
}
