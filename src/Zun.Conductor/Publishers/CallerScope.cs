using System.Text.Json;
using Zun.Conductor.Admission;
using Zun.Contracts;

namespace Zun.Conductor.Publishers;

/// <summary>Whom a command or query says it acts for, as its JSON says it, before it is read as its type.</summary>
internal sealed record CallerScope(string? ProjectId, bool AllProjects) : ICallerScope
{
    /// <summary>
    /// Read leniently, each field on its own: <c>allProjects</c> counts only when it is <c>true</c>. A value of the wrong
    /// type is refused by the strict reading of commands, and the state machine acts only on what that reading read.
    /// </summary>
    public static CallerScope Of(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
            return new CallerScope(null, false);

        var allProjects = false;
        foreach (var property in message.EnumerateObject())
        {
            if (string.Equals(property.Name, nameof(AllProjects), StringComparison.OrdinalIgnoreCase))
                allProjects = property.Value.ValueKind == JsonValueKind.True;
        }

        return new CallerScope(CommandAddress.Text(message, "projectId"), allProjects);
    }
}
