using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Zun.Conductor.Validation;
using Zun.Hosting;

namespace Zun.Conductor.Admission;

/// <summary>
/// Compares a JSON value with the contract type it is to be read as, before it is read: every field must be one of the
/// type's, given once, and of its type exactly (a number is not a string of digits). System.Text.Json would refuse
/// most of this too, or not (unknown fields, numbers in strings, depending on the options), and would say so in its own
/// terms; this names the field, as the client spelled it, and quotes only a bounded part of the value.
/// </summary>
internal static class JsonShape
{
    /// <summary>How many unknown fields a reason names before it counts the rest.</summary>
    private const int NamedUnknownFields = 5;

    /// <summary>Null when <paramref name="value"/> has the shape of <paramref name="type"/>; otherwise what is wrong, naming the field.</summary>
    public static string? Problem(JsonElement value, Type type, JsonSerializerOptions options) =>
        value.ValueKind == JsonValueKind.Object ? CheckFields(value, type, path: "", options) : Mismatch(path: "", type, value);

    private static string? Check(JsonElement value, Type type, string path, JsonSerializerOptions options)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
            return underlying is not null || !type.IsValueType ? null : Mismatch(path, type, value);

        type = underlying ?? type;
        if (Scalar(value, type) is { } fits)
            return fits ? null : Mismatch(path, type, value);
        if (DictionaryValueType(type) is { } valueType)
            return value.ValueKind == JsonValueKind.Object ? CheckEntries(value, valueType, path, options) : Mismatch(path, type, value);
        if (ElementType(type) is { } elementType)
            return value.ValueKind == JsonValueKind.Array ? CheckElements(value, elementType, path, options) : Mismatch(path, type, value);
        return value.ValueKind == JsonValueKind.Object ? CheckFields(value, type, path, options) : Mismatch(path, type, value);
    }

    /// <summary>Whether the value fits a type read from one JSON token; null when the type is not one of those.</summary>
    private static bool? Scalar(JsonElement value, Type type) => type switch
    {
        _ when type == typeof(string) => value.ValueKind == JsonValueKind.String,
        _ when type == typeof(bool) => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ when type == typeof(Guid) => value.ValueKind == JsonValueKind.String && value.TryGetGuid(out _),
        _ when type == typeof(DateTimeOffset) => value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out _),
        _ when type.IsEnum => value.ValueKind == JsonValueKind.String,
        _ when type == typeof(int) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        _ when type == typeof(long) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ when type == typeof(double) => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d),
        _ => null,
    };

    private static string? CheckFields(JsonElement value, Type type, string path, JsonSerializerOptions options)
    {
        var fields = options.GetTypeInfo(type).Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            if (!fields.TryGetValue(property.Name, out var field))
            {
                unknown.Add(property.Name);
                continue;
            }

            var fieldPath = Join(path, field.Name);
            if (!seen.Add(field.Name))
                return $"{fieldPath} is given more than once";
            if (Check(property.Value, field.PropertyType, fieldPath, options) is { } problem)
                return problem;
        }

        return unknown.Count == 0 ? null : Unknown(unknown, path, type);
    }

    private static string? CheckEntries(JsonElement value, Type valueType, string path, JsonSerializerOptions options)
    {
        // MassTransit reads these maps without regard to case, and fails on an empty key: refused here, named.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Name.Length == 0)
                return $"{path} must not have an empty key";
            if (!seen.Add(entry.Name))
                return $"{path} has the key {Quoted.Value(entry.Name)} more than once (keys are compared without regard to case)";
            if (Check(entry.Value, valueType, $"{path}[{Quoted.Value(entry.Name)}]", options) is { } problem)
                return problem;
        }

        return null;
    }

    private static string? CheckElements(JsonElement value, Type elementType, string path, JsonSerializerOptions options)
    {
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (Check(element, elementType, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", options) is { } problem)
                return problem;
            index++;
        }

        return null;
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
        : null;

    private static string Unknown(List<string> names, string path, Type type)
    {
        var named = string.Join(", ", names.Take(NamedUnknownFields).Select(Quoted.Value));
        var more = names.Count > NamedUnknownFields ? $" and {names.Count - NamedUnknownFields} more" : "";
        var owner = path.Length == 0 ? type.Name : $"{path} ({type.Name})";
        return names.Count == 1
            ? $"unknown field {named}: {owner} has no such field"
            : $"unknown fields {named}{more}: {owner} has no such fields";
    }

    private static string Mismatch(string path, Type type, JsonElement value) =>
        $"{(path.Length == 0 ? "the command" : path)} must be {Expected(type)}, got {Described(value)}";

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Guid) => "a UUID string",
        _ when type == typeof(DateTimeOffset) => "an ISO 8601 date and time string",
        _ when type.IsEnum => $"one of the strings {string.Join(", ", Enum.GetNames(type))}",
        _ when type == typeof(int) => $"a whole number from {int.MinValue} to {int.MaxValue}",
        _ when type == typeof(long) => $"a whole number from {long.MinValue} to {long.MaxValue}",
        _ when type == typeof(double) => "a number",
        _ when DictionaryValueType(type) is { } valueType => $"an object whose values are each {Expected(valueType)}",
        _ when ElementType(type) is { } elementType => $"a list whose elements are each {Expected(elementType)}",
        _ => $"a JSON object ({type.Name})",
    };

    private static string Described(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Quoted.Value(value.GetString())}",
        JsonValueKind.Number => $"the number {Quoted.Value(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";
}
