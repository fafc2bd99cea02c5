using System.Reflection;
using System.Text.Json;
using MassTransit;

namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>
/// The table of one saga type: the id, the version that guards writes, the instance as a JSON document, and a
/// generated, indexed column for each field the conductor queries on.
/// </summary>
internal sealed class SqliteSagaTable<TSaga>
    where TSaga : class, ISagaVersion
{
    public const string IdColumn = "correlation_id";
    public const string VersionColumn = "version";

    private readonly Dictionary<string, string> _columnByProperty;

    public SqliteSagaTable(SagaFieldMap<TSaga> fields)
    {
        Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(TSaga).Name);
        Columns = fields.Fields
            .Where(f => f.Name is not (nameof(ISaga.CorrelationId) or nameof(ISagaVersion.Version)))
            .Select(f => new SqliteSagaColumn(f.ColumnName, SagaJson.NameOf(f.Property), SqliteSagaColumn.AffinityOf(f.Type)))
            .ToList();
        if (fields.EndTime is { } endTime)
        {
            EndTime = SqliteSagaColumn.TimeOf(endTime);
            Columns = [.. Columns, EndTime];
        }

        _columnByProperty = fields.Fields.ToDictionary(f => f.Name, f => f.ColumnName);
        _columnByProperty[nameof(ISaga.CorrelationId)] = IdColumn;
        _columnByProperty[nameof(ISagaVersion.Version)] = VersionColumn;
    }

    public string Name { get; }

    public IReadOnlyList<SqliteSagaColumn> Columns { get; }

    /// <summary>The time column of the field map's end time, when it has one.</summary>
    public SqliteSagaColumn? EndTime { get; }

    public string CreateTable =>
        $"CREATE TABLE IF NOT EXISTS {Name} ({IdColumn} TEXT NOT NULL PRIMARY KEY, {VersionColumn} INTEGER NOT NULL, document TEXT NOT NULL)";

    public string SelectById => $"SELECT {VersionColumn}, document FROM {Name} WHERE {IdColumn} = $id";

    public string Insert => $"INSERT INTO {Name} ({IdColumn}, {VersionColumn}, document) VALUES ($id, $version, $document)";

    public string Update => $"UPDATE {Name} SET {VersionColumn} = $version, document = $document WHERE {IdColumn} = $id AND {VersionColumn} = $read";

    public string Delete => $"DELETE FROM {Name} WHERE {IdColumn} = $id AND {VersionColumn} = $read";

    /// <summary>
    /// Deletes the <c>$limit</c> instances that ended earliest before <c>$before</c> (ISO 8601 text, which SQLite
    /// reads with its offset). A null end time never compares, so instances still running stay.
    /// </summary>
    /// <exception cref="InvalidOperationException">The field map names no end time.</exception>
    public string DeleteEndedBefore()
    {
        var endTime = EndTime?.Name ?? throw SagaFieldMap<TSaga>.MissingEndTime();
        return $"DELETE FROM {Name} WHERE rowid IN (SELECT rowid FROM {Name} WHERE {endTime} < julianday($before) ORDER BY {endTime} LIMIT $limit)";
    }

    public string SelectAll => $"SELECT {VersionColumn}, document FROM {Name}";

    public string AddColumn(SqliteSagaColumn column) => $"ALTER TABLE {Name} ADD COLUMN {column.Definition}";

    public string CreateIndex(SqliteSagaColumn column) => $"CREATE INDEX IF NOT EXISTS ix_{Name}_{column.Name} ON {Name} ({column.Name})";

    /// <summary>The SQL column of a saga property, or null when the property has none.</summary>
    public string? ColumnOf(MemberInfo member) =>
        member.DeclaringType is { } declaring && declaring.IsAssignableFrom(typeof(TSaga)) && _columnByProperty.TryGetValue(member.Name, out var column)
            ? column
            : null;
}
