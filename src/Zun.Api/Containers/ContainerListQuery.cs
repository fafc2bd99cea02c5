using Zun.Api.Errors;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// Upstream's list parameters (the filters, <c>sort_key</c>/<c>sort_dir</c>, <c>limit</c>/<c>marker</c>) read into one
/// <see cref="ListContainers"/>: the conductor filters, orders and pages, and this adds the <c>next</c> link.
/// </summary>
internal sealed class ContainerListQuery
{
    /// <summary>Upstream's <c>[api] max_limit</c>: no page is longer, asked for or not.</summary>
    public const int MaxLimit = 1000;

    public static readonly string[] Filters = ["name", "image", "project_id", "user_id", "memory", "host", "task_state", "status", "auto_remove"];

    public static readonly string[] Parameters = [.. Filters, "limit", "marker", "sort_key", "sort_dir", "all_projects"];

    private static readonly Dictionary<string, ContainerSortKey> SortKeys = new(StringComparer.Ordinal)
    {
        // Upstream's id is its table's row number, which follows creation.
        ["id"] = ContainerSortKey.CreatedAt,
        ["created_at"] = ContainerSortKey.CreatedAt,
        ["updated_at"] = ContainerSortKey.UpdatedAt,
        ["uuid"] = ContainerSortKey.ContainerId,
        ["name"] = ContainerSortKey.Name,
        ["image"] = ContainerSortKey.Image,
        ["status"] = ContainerSortKey.Status,
        ["task_state"] = ContainerSortKey.TaskState,
        ["host"] = ContainerSortKey.Host,
        ["cpu"] = ContainerSortKey.Cpu,
        ["memory"] = ContainerSortKey.Memory,
        ["project_id"] = ContainerSortKey.ProjectId,
        ["user_id"] = ContainerSortKey.UserId,
    };

    private static readonly Dictionary<string, TaskState> TaskStates =
        Enum.GetValues<TaskState>().ToDictionary(t => ContainerView.Snake(t.ToString()), StringComparer.Ordinal);

    private ContainerListQuery(RequestParameters parameters, string callerProject, bool allProjects)
    {
        Limit = (int)Math.Min(parameters.Integer("limit", minimum: 1) ?? MaxLimit, MaxLimit);
        Marker = parameters.String("marker");
        SortKey = parameters.String("sort_key") ?? "id";
        SortDirection = parameters.String("sort_dir") ?? "asc";
        if (!SortKeys.TryGetValue(SortKey, out var sortKey))
            throw ApiException.BadRequest($"Invalid sort_key '{SortKey}': it must be one of {string.Join(", ", SortKeys.Keys)}");
        if (SortDirection is not ("asc" or "desc"))
            throw ApiException.BadRequest($"Invalid sort direction: {SortDirection}. Acceptable values are 'asc' or 'desc'");

        // Upstream's query holds both the caller's project and the filter: naming another project matches nothing.
        // For all projects, the filter alone names the project listed (none: every project's).
        var named = parameters.String("project_id");
        MatchesNothing = !allProjects && named is not null && named != callerProject;
        Request = new ListContainers
        {
            ProjectId = allProjects ? named : callerProject,
            AllProjects = allProjects,
            Host = parameters.String("host"),
            Name = parameters.String("name"),
            Image = parameters.String("image"),
            UserId = parameters.String("user_id"),
            MemoryMb = (int?)parameters.Integer("memory"),
            Status = parameters.String("status") is { } status ? StatusNamed(status) : null,
            TaskState = parameters.String("task_state") is { } task ? TaskStateNamed(task) : null,
            AutoRemove = parameters.Has("auto_remove") ? parameters.Bool("auto_remove", whenAbsent: false) : null,
            SortKey = sortKey,
            SortDescending = SortDirection == "desc",
            Marker = Marker is null ? null : Guid.TryParse(Marker, out var marker) ? marker : throw MarkerNotFound(Marker),
            Limit = Limit,
        };
    }

    public int Limit { get; }

    public string? Marker { get; }

    public string SortKey { get; }

    public string SortDirection { get; }

    /// <summary>What the conductor is asked for.</summary>
    public ListContainers Request { get; }

    /// <summary>The <c>project_id</c> filter names a project other than the one the caller lists: the page is empty.</summary>
    public bool MatchesNothing { get; }

    /// <summary>The query, listing <paramref name="callerProject"/>'s containers only, or with <paramref name="allProjects"/> every project's (or the one named).</summary>
    public static ContainerListQuery Read(RequestParameters parameters, string callerProject, bool allProjects) => new(parameters, callerProject, allProjects);

    /// <summary>The page, or upstream's 404 when the marker names no container the query could list.</summary>
    public IReadOnlyList<ContainerInfo> PageOf(ContainerList answer) =>
        answer.MarkerNotFound ? throw MarkerNotFound(Marker!) : answer.Containers;

    /// <summary>Upstream's next link: present when the page is full, with the last uuid as the marker.</summary>
    public string? NextLink(string baseUrl, IReadOnlyList<ContainerInfo> page) =>
        page.Count == Limit && page.Count > 0
            ? $"{baseUrl}/v1/containers?limit={Limit}&sort_key={SortKey}&sort_dir={SortDirection}&marker={page[^1].ContainerId:D}"
            : null;

    private static ContainerStatus StatusNamed(string status) =>
        Enum.TryParse<ContainerStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw ApiException.BadRequest($"Invalid status '{status}': it must be one of {string.Join(", ", Enum.GetNames<ContainerStatus>())}");

    private static TaskState TaskStateNamed(string task) =>
        TaskStates.TryGetValue(task, out var parsed)
            ? parsed
            : throw ApiException.BadRequest($"Invalid task_state '{task}': it must be one of {string.Join(", ", TaskStates.Keys)}");

    private static ApiException MarkerNotFound(string marker) =>
        new(StatusCodes.Status404NotFound, $"Container {marker} could not be found.", code: "container.container-not-found");
}
