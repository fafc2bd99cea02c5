namespace Zun.Conductor.Admission;

/// <summary>
/// A command that cannot be read well enough to refuse it to its operation (no operation id, not JSON, no such command):
/// retrying cannot help, so it goes straight to the error queue, and <see cref="UnreadableCommandObserver"/> sends the
/// <c>command.error</c> notification naming <see cref="Exception.Message"/>.
/// </summary>
public sealed class UnreadableCommandException(string message, string? command = null) : Exception(message)
{
    /// <summary>The command it is about, when that is known (<c>CreateContainer</c>).</summary>
    public string? Command => command;

    /// <summary>The problem, prefixed with the command it is about when that is known.</summary>
    public static UnreadableCommandException Of(Type? command, string problem) =>
        command is null ? new(problem) : new($"{command.Name}: {problem}", command.Name);
}
