using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zun.Cli.Output;

/// <summary>
/// JSON as <c>zun --format json</c> writes it: camelCase names and string enums, as on the wire,
/// so a script reads the same field names the contracts and the JSON Schemas use. Nulls are kept,
/// so every object of one type has the same fields.
/// </summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    /// <summary>One object per line, for streams (<c>events</c>).</summary>
    public static readonly JsonSerializerOptions Lines = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        Converters = { new JsonStringEnumConverter() },
    };
}
