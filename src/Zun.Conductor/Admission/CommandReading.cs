namespace Zun.Conductor.Admission;

/// <summary>A command as read from its JSON: the command, or why it could not be read and whom to tell.</summary>
internal sealed record CommandReading(Type CommandType, object? Command, string? Problem, CommandAddress Address)
{
    public static CommandReading Read(Type type, object command, CommandAddress address) => new(type, command, null, address);

    public static CommandReading Refused(Type type, string problem, CommandAddress address) => new(type, null, problem, address);
}
