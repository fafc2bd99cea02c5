using Zun.Contracts;

namespace Zun.Conductor.Tenancy;

/// <summary>
/// The conductor's one rule of tenancy: a caller sees the containers, operations and image pulls of its own project (null
/// being a project of its own, compared ordinally), or of every project when it acts for all of them. What a caller may
/// not see is answered as if it did not exist.
/// </summary>
internal static class CallerScopes
{
    /// <summary>Whether <paramref name="caller"/> may see, or act on, something of <paramref name="ownerProject"/>.</summary>
    public static bool Sees(this ICallerScope caller, string? ownerProject) =>
        caller.AllProjects || string.Equals(caller.ProjectId, ownerProject, StringComparison.Ordinal);

    /// <summary>
    /// The one project whose containers <paramref name="request"/> lists: the caller's own or, acting for every project,
    /// the one it names. False when it lists every project's.
    /// </summary>
    public static bool ListsOneProject(this ListContainers request, out string? project)
    {
        project = request.ProjectId;
        return !request.AllProjects || request.ProjectId is not null;
    }
}
