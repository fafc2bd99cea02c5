namespace Zun.Contracts;

/// <summary>
/// Whom a command or query acts for. The conductor answers only about containers, images and operations of
/// <see cref="ProjectId"/> (a container of another project is not found), unless <see cref="AllProjects"/> is set.
/// A publisher the conductor knows only as one project may set neither to anything else.
/// </summary>
public interface ICallerScope
{
    /// <summary>The caller's project; null is a project of its own (the containers created without one).</summary>
    string? ProjectId { get; }

    /// <summary>The caller acts for every project (an administrator, or an OpenStack service on behalf of one).</summary>
    bool AllProjects { get; }
}
