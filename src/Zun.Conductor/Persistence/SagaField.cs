using System.Reflection;
using System.Text.Json;

namespace Zun.Conductor.Persistence;

/// <summary>A saga property that queries filter on: a column in SQLite, an indexed element in MongoDB.</summary>
internal sealed record SagaField(PropertyInfo Property)
{
    public string Name => Property.Name;

    public Type Type => Property.PropertyType;

    /// <summary>The property in snake_case, as SQL names it.</summary>
    public string ColumnName { get; } = JsonNamingPolicy.SnakeCaseLower.ConvertName(Property.Name);
}
