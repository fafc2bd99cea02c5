namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>
/// A generated column over a document member: SQLite computes it from the JSON on every write, so the column
/// and the document cannot disagree, and an index on it serves queries.
/// </summary>
internal sealed record SqliteSagaColumn(string Name, string JsonMember, string Affinity)
{
    public string Definition => $"{Name} {Affinity} GENERATED ALWAYS AS (json_extract(document, '$.\"{JsonMember}\"')) VIRTUAL";

    public static string AffinityOf(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) => "INTEGER",
            var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "REAL",
            _ => "TEXT",
        };
}
