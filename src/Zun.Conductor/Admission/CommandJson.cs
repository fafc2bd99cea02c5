using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit.Serialization;

namespace Zun.Conductor.Admission;

/// <summary>
/// The one reading of a command's JSON, whichever channel it came by: the message of a MassTransit envelope and the
/// body of a plain-JSON command are read alike. MassTransit's own settings (so the command reads as the state machine
/// will read it), except that every field must be one of the contract's, given once, with its exact JSON type
/// (<see cref="JsonShape"/>); the operation id must be there, since without it no refusal can be addressed.
/// </summary>
internal static class CommandJson
{
    /// <summary>MassTransit's serializer settings, refusing what they would pass over.</summary>
    public static JsonSerializerOptions Options { get; } = new(SystemTextJsonMessageSerializer.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>As lenient about JSON syntax (trailing commas, comments) as MassTransit is when it parses a body.</summary>
    public static JsonDocumentOptions Parsing { get; } = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static CommandReading Read(Type type, JsonElement message)
    {
        var address = CommandAddress.Of(message);
        if (JsonShape.Problem(message, type, Options) is { } problem)
            return CommandReading.Refused(type, problem, address);
        if (address.OperationId is null)
            return CommandReading.Refused(type, "operationId must be a non-empty UUID", address);

        try
        {
            // The shape check let only an object through, which never reads as null.
            return CommandReading.Read(type, message.Deserialize(type, Options)!, address);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
        {
            // What the shape check let through and the serializer still refused: say where, not the serializer's whole story.
            var where = e is JsonException { Path: { Length: > 1 } path } ? $" at {path[2..]}" : "";
            return CommandReading.Refused(type, $"the command could not be read as {type.Name}{where}", address);
        }
    }
}
