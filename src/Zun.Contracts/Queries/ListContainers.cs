namespace Zun.Contracts;

/// <summary>
/// Lists the containers of the caller's project (or of all projects), filtered by any of the fields given, in the order asked for, a page at a time;
/// answered with <see cref="ContainerList"/>. Every filter left null matches everything.
/// </summary>
public sealed record ListContainers : ICallerScope
{
    public ContainerStatus? Status { get; init; }

    public string? Host { get; init; }

    /// <summary>The caller's project, whose containers are listed; with <see cref="AllProjects"/>, only that project's when given.</summary>
    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }

    public string? Name { get; init; }

    public string? Image { get; init; }

    public string? UserId { get; init; }

    public int? MemoryMb { get; init; }

    public TaskState? TaskState { get; init; }

    public bool? AutoRemove { get; init; }

    /// <summary>Include deleted containers (left out by default).</summary>
    public bool IncludeDeleted { get; init; }

    /// <summary>What the list is ordered by; ties are broken by container id in the same direction.</summary>
    public ContainerSortKey SortKey { get; init; } = ContainerSortKey.CreatedAt;

    public bool SortDescending { get; init; }

    /// <summary>The page starts after this container (in the order asked for); unknown, and the answer says so.</summary>
    public Guid? Marker { get; init; }

    /// <summary>At most this many containers; all of them when null.</summary>
    public int? Limit { get; init; }
}
