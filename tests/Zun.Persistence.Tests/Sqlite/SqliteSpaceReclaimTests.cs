using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Zun.Conductor.Operations;
using Zun.Conductor.Persistence;
using Zun.Conductor.Persistence.Sqlite;
using Zun.Contracts;
using Zun.Persistence.Tests.Infrastructure;

namespace Zun.Persistence.Tests.Sqlite;

/// <summary>A SQLite file gives back to the file system the space of the records that retention deletes.</summary>
public sealed class SqliteSpaceReclaimTests : IDisposable
{
    private static readonly DateTimeOffset Cutoff = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempSqliteFile _file = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_file_shrinks_when_ended_records_are_purged()
    {
        using var database = new SqliteSagaDatabase(_file.Path, TimeSpan.FromSeconds(10));
        var store = new SqliteSagaStore<TrackedOperation>(database, ConductorSagaFields.Operations, NullLogger<SqliteSagaStore<TrackedOperation>>.Instance);
        await store.InitializeAsync(Ct);
        for (var i = 0; i < 1000; i++)
            await store.InsertAsync(Ended(), Ct);
        var full = await PageCount();

        while (await store.DeleteEndedBeforeAsync(Cutoff, limit: 250, Ct) > 0)
        {
        }

        Assert.True(await database.ReclaimsFreePagesAsync(Ct));
        var purged = await PageCount();
        Assert.True(purged < full / 10, $"{purged} pages after the purge, {full} before");
    }

    [Fact]
    public async Task A_file_made_without_incremental_vacuum_is_recognised_so_the_operator_can_be_told()
    {
        await using (var older = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file.Path, Pooling = false }.ToString()))
        {
            await older.OpenAsync(Ct);
            await using var create = older.CreateCommand();
            create.CommandText = "CREATE TABLE made_by_an_older_conductor (id TEXT PRIMARY KEY)";
            await create.ExecuteNonQueryAsync(Ct);
        }

        using var database = new SqliteSagaDatabase(_file.Path, TimeSpan.FromSeconds(10));

        Assert.False(await database.ReclaimsFreePagesAsync(Ct));
    }

    public void Dispose() => _file.Dispose();

    private static TrackedOperation Ended() => new()
    {
        CorrelationId = Guid.NewGuid(),
        CurrentState = nameof(OperationState.Failed),
        ContainerId = Guid.NewGuid(),
        Action = ContainerAction.Create,
        AcceptedAt = Cutoff.AddDays(-20),
        FinishedAt = Cutoff.AddDays(-20).AddSeconds(1),

        // About a page of its own per record, as a long failure reason from the engine makes it.
        Reason = new string('x', 3000),
    };

    private async Task<long> PageCount()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file.Path, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }
}
