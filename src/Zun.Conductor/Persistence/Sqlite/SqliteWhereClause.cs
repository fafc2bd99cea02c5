namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>A saga query as SQL: the condition, with <c>$p0</c>, <c>$p1</c>… bound to <see cref="Parameters"/>.</summary>
internal sealed record SqliteWhereClause(string Sql, IReadOnlyList<object?> Parameters);
