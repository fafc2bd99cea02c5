using Microsoft.Data.Sqlite;
using Zun.Conductor.Persistence.Sqlite;

namespace Zun.Conductor.Scheduling.Sqlite;

/// <summary>
/// Schedules in the conductor's SQLite file, beside the sagas. Claims are a single UPDATE ... RETURNING,
/// so two conductor processes on one file never claim the same schedule while its lease runs.
/// </summary>
internal sealed class SqliteScheduleStore : IScheduleStore
{
    private readonly SqliteSagaDatabase _database;
    private readonly Lazy<Task> _schema;

    public SqliteScheduleStore(SqliteSagaDatabase database)
    {
        _database = database;
        _schema = new Lazy<Task>(CreateSchema);
    }

    public async Task Add(ScheduledMessageRecord schedule, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO zun_schedules (token_id, destination, message_type, payload, due_at)
            VALUES ($token, $destination, $type, $payload, $due)
            ON CONFLICT (token_id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$token", schedule.TokenId.ToString("D"));
        command.Parameters.AddWithValue("$destination", schedule.Destination.ToString());
        command.Parameters.AddWithValue("$type", schedule.MessageType);
        command.Parameters.AddWithValue("$payload", schedule.PayloadJson);
        command.Parameters.AddWithValue("$due", schedule.DueAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task Cancel(Guid tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM zun_schedules WHERE token_id = $token";
        command.Parameters.AddWithValue("$token", tokenId.ToString("D"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledMessageRecord>> ClaimDue(
        DateTimeOffset now, string owner, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE zun_schedules SET lease_owner = $owner, lease_until = $until
            WHERE token_id IN (
                SELECT token_id FROM zun_schedules
                WHERE due_at <= $now AND (lease_until IS NULL OR lease_until < $now)
                ORDER BY due_at LIMIT $limit)
            RETURNING token_id, destination, message_type, payload, due_at
            """;
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$until", (now + lease).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);

        var claimed = new List<ScheduledMessageRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ScheduledMessageRecord(
                Guid.Parse(reader.GetString(0)),
                new Uri(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return [.. claimed.OrderBy(s => s.DueAt)];
    }

    public async Task Complete(Guid tokenId, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM zun_schedules WHERE token_id = $token AND lease_owner = $owner";
        command.Parameters.AddWithValue("$token", tokenId.ToString("D"));
        command.Parameters.AddWithValue("$owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAt(CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(due_at) FROM zun_schedules";
        return await command.ExecuteScalarAsync(cancellationToken) is long due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null;
    }

    private async Task<SqliteConnection> Open(CancellationToken cancellationToken)
    {
        await _schema.Value;
        return await _database.OpenAsync(cancellationToken);
    }

    private async Task CreateSchema()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS zun_schedules (
                token_id TEXT PRIMARY KEY,
                destination TEXT NOT NULL,
                message_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                lease_owner TEXT,
                lease_until INTEGER);
            CREATE INDEX IF NOT EXISTS ix_zun_schedules_due_at ON zun_schedules (due_at);
            """;
        await command.ExecuteNonQueryAsync();
    }
}
