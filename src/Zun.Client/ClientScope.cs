using Zun.Contracts;

namespace Zun.Client;

/// <summary>
/// Whom a client's commands and queries act for: what the message says, else the client's options
/// (<see cref="ZunClientOptions.ProjectId"/>, <see cref="ZunClientOptions.AllProjects"/>).
/// </summary>
internal static class ClientScope
{
    public static (string? ProjectId, bool AllProjects) For(ICallerScope message, ZunClientOptions options)
    {
        var allProjects = message.AllProjects || options.AllProjects;

        // A list for every project names a project only to list that one's: the client's own would narrow it.
        var projectId = message.ProjectId ?? (allProjects && message is ListContainers ? null : options.ProjectId);
        return (projectId, allProjects);
    }

    /// <summary>The message, or a copy of it acting for the client's scope where it says nothing itself.</summary>
    public static T Stamp<T>(T message, ZunClientOptions options)
        where T : class, ICallerScope
    {
        var (projectId, allProjects) = For(message, options);
        if (projectId == message.ProjectId && allProjects == message.AllProjects)
            return message;

        var copy = RecordCopy.Of(message);
        RecordCopy.Set(copy, nameof(ICallerScope.ProjectId), projectId);
        RecordCopy.Set(copy, nameof(ICallerScope.AllProjects), allProjects);
        return copy;
    }
}
