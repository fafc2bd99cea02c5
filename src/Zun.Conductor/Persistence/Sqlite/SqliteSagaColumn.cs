namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>
/// A generated column over a document member: SQLite computes it from the JSON on every write, so the column
/// and the document cannot disagree, and an index on it serves queries.
/// </summary>
internal sealed record SqliteSagaColumn(string Name, string JsonMember, string Affinity, bool IsTime = false)
{
    /// <summary>
    /// A time column holds the Julian day number SQLite computes from the document's ISO 8601 text, which it reads
    /// with its offset: the text itself does not sort by time once offsets differ.
    /// </summary>
    public string Definition => IsTime
        ? $"{Name} REAL GENERATED ALWAYS AS (julianday({Extract})) VIRTUAL"
        : $"{Name} {Affinity} GENERATED ALWAYS AS ({Extract}) VIRTUAL";

    private string Extract => $"json_extract(document, '$.\"{JsonMember}\"')";

    /// <summary>The column of a time, by its own name so that it never collides with a field's text column.</summary>
    public static SqliteSagaColumn TimeOf(SagaField field) =>
        new($"{field.ColumnName}_julian_day", SagaJson.NameOf(field.Property), "REAL", IsTime: true);

    public static string AffinityOf(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) => "INTEGER",
            var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "REAL",
            _ => "TEXT",
        };
}
