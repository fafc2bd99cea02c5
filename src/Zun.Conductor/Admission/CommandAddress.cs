using System.Text.Json;

namespace Zun.Conductor.Admission;

/// <summary>
/// Who a command that cannot be read is from, as far as its JSON says: enough to address the refusal to its operation
/// (<see cref="OperationId"/> is null when the command has no usable one, and then a <c>command.error</c> notification
/// is all that can be sent).
/// </summary>
internal sealed record CommandAddress(Guid? OperationId, Guid? ContainerId, string? ProjectId, string? UserId)
{
    public static CommandAddress None { get; } = new(null, null, null, null);

    /// <summary>Reads the ids leniently, each on its own: a bad field elsewhere must not hide them.</summary>
    public static CommandAddress Of(JsonElement message) =>
        message.ValueKind != JsonValueKind.Object
            ? None
            : new(Id(message, "operationId"), Id(message, "containerId"), Text(message, "projectId"), Text(message, "userId"));

    private static Guid? Id(JsonElement message, string name) =>
        Text(message, name) is { } text && Guid.TryParse(text, out var id) && id != Guid.Empty ? id : null;

    /// <summary>A string field, matched without regard to case; null when absent or not a string.</summary>
    public static string? Text(JsonElement message, string name)
    {
        string? found = null;

        // Field names are matched without regard to case, as the commands are read; the last of a repeated one counts.
        foreach (var property in message.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                found = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
        }

        return found;
    }
}
