using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Zun.Conductor.Persistence.Sqlite;

/// <summary>
/// Saga instances as JSON documents. Enums are written as the contracts declare through their
/// <c>[JsonConverter]</c> attributes (names, or the OpenStack spelling for <c>TaskState</c>), so a document reads
/// like the messages do and SQL compares the same strings.
/// </summary>
internal static class SagaJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<TSaga>(TSaga instance) => JsonSerializer.Serialize(instance, Options);

    public static TSaga Deserialize<TSaga>(string json) =>
        JsonSerializer.Deserialize<TSaga>(json, Options) ?? throw new JsonException($"a stored {typeof(TSaga).Name} document is null");

    /// <summary>The member name a property has in the document (a <c>$.Name</c> JSON path).</summary>
    public static string NameOf(PropertyInfo property) =>
        Options.GetTypeInfo(property.DeclaringType!).Properties
            .FirstOrDefault(p => p.AttributeProvider is MemberInfo member && member.Name == property.Name)?.Name
        ?? property.Name;

    /// <summary>
    /// A value as SQLite's <c>json_extract</c> returns it from a document: text, integer (booleans too), real or
    /// null. False for values that do not compare that way (objects, arrays, dates with offsets).
    /// </summary>
    public static bool TryToSqlValue(object? value, out object? sqlValue)
    {
        sqlValue = null;
        if (value is null)
            return true;
        if (value is DateTime or DateTimeOffset)
            return false;

        var element = JsonSerializer.SerializeToElement(value, value.GetType(), Options);
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                sqlValue = element.GetString();
                return true;
            case JsonValueKind.Number:
                sqlValue = element.TryGetInt64(out var integer) ? integer : element.GetDouble();
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                sqlValue = element.ValueKind == JsonValueKind.True ? 1L : 0L;
                return true;
            case JsonValueKind.Null:
                return true;
            default:
                return false;
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepStateOnly } },
        };
        options.MakeReadOnly();
        return options;
    }

    // A get-only property is derived from the others (ContainerOperation.InFlightTaskState throws for some
    // actions): a document keeps state, not what can be computed from it.
    private static void KeepStateOnly(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
            return;

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].Set is null)
                type.Properties.RemoveAt(i);
        }
    }
}
