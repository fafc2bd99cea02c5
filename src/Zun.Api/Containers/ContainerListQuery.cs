using System.Globalization;
using Zun.Api.Errors;
using Zun.Api.Requests;
using Zun.Contracts;

namespace Zun.Api.Containers;

/// <summary>
/// Upstream's list parameters: the filters, sort_key/sort_dir, and limit/marker pages with a <c>next</c> link when a
/// page is full. The conductor filters by project, status, host and name; the rest is applied here.
/// </summary>
internal sealed class ContainerListQuery
{
    /// <summary>Upstream's <c>[api] max_limit</c>: no page is longer, asked for or not.</summary>
    public const int MaxLimit = 1000;

    public static readonly string[] Filters = ["name", "image", "project_id", "user_id", "memory", "host", "task_state", "status", "auto_remove"];

    public static readonly string[] Parameters = [.. Filters, "limit", "marker", "sort_key", "sort_dir", "all_projects"];

    private static readonly Dictionary<string, Func<ContainerInfo, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["id"] = c => c.CreatedAt,
        ["created_at"] = c => c.CreatedAt,
        ["updated_at"] = c => c.UpdatedAt,
        ["uuid"] = c => c.ContainerId.ToString("D"),
        ["name"] = c => c.Name,
        ["image"] = c => c.Image,
        ["status"] = c => c.Status.ToString(),
        ["task_state"] = c => c.TaskState?.ToString(),
        ["host"] = c => c.Host,
        ["cpu"] = c => c.Cpu,
        ["memory"] = c => c.MemoryMb,
        ["project_id"] = c => c.ProjectId,
        ["user_id"] = c => c.UserId,
    };

    private readonly RequestParameters _parameters;

    private ContainerListQuery(RequestParameters parameters)
    {
        _parameters = parameters;
        Limit = (int)Math.Min(parameters.Integer("limit", minimum: 1) ?? MaxLimit, MaxLimit);
        Marker = parameters.String("marker");
        SortKey = parameters.String("sort_key") ?? "id";
        SortDirection = parameters.String("sort_dir") ?? "asc";
        if (!SortKeys.ContainsKey(SortKey))
            throw ApiException.BadRequest($"Invalid sort_key '{SortKey}': it must be one of {string.Join(", ", SortKeys.Keys)}");
        if (SortDirection is not ("asc" or "desc"))
            throw ApiException.BadRequest($"Invalid sort direction: {SortDirection}. Acceptable values are 'asc' or 'desc'");
    }

    public int Limit { get; }

    public string? Marker { get; }

    public string SortKey { get; }

    public string SortDirection { get; }

    public static ContainerListQuery Read(RequestParameters parameters) => new(parameters);

    /// <summary>What the conductor can filter on itself.</summary>
    public ListContainers ToRequest(string? projectId) => new()
    {
        ProjectId = _parameters.String("project_id") ?? projectId,
        Host = _parameters.String("host"),
        Name = _parameters.String("name"),
        Status = _parameters.String("status") is { } status
            ? (Enum.TryParse<ContainerStatus>(status, ignoreCase: true, out var parsed) ? parsed : throw ApiException.BadRequest($"Invalid status '{status}'"))
            : null,
    };

    /// <summary>The page of <paramref name="containers"/> this query asks for, and whether it is full (then a next link follows).</summary>
    public IReadOnlyList<ContainerInfo> Page(IEnumerable<ContainerInfo> containers)
    {
        var matching = containers.Where(Matches);
        var key = SortKeys[SortKey];
        var sorted = (SortDirection == "asc"
            ? matching.OrderBy(key).ThenBy(c => c.ContainerId)
            : matching.OrderByDescending(key).ThenByDescending(c => c.ContainerId)).ToList();

        var start = 0;
        if (Marker is not null)
        {
            var at = sorted.FindIndex(c => c.ContainerId.ToString("D").Equals(Marker, StringComparison.OrdinalIgnoreCase));
            start = at >= 0 ? at + 1 : throw new ApiException(StatusCodes.Status404NotFound, $"Container {Marker} could not be found.", code: "container.container-not-found");
        }

        return sorted.Skip(start).Take(Limit).ToList();
    }

    /// <summary>Upstream's next link: present when the page is full, with the last uuid as the marker.</summary>
    public string? NextLink(string baseUrl, IReadOnlyList<ContainerInfo> page) =>
        page.Count == Limit && page.Count > 0
            ? $"{baseUrl}/v1/containers?limit={Limit}&sort_key={SortKey}&sort_dir={SortDirection}&marker={page[^1].ContainerId:D}"
            : null;

    private bool Matches(ContainerInfo c) =>
        Equal("image", c.Image)
        && Equal("user_id", c.UserId)
        && Equal("memory", c.MemoryMb?.ToString(CultureInfo.InvariantCulture))
        && Equal("task_state", c.TaskState is { } t ? ContainerView.Snake(t.ToString()) : null)
        && (!_parameters.Has("auto_remove") || _parameters.Bool("auto_remove", whenAbsent: false) == c.AutoRemove);

    private bool Equal(string filter, string? value) => _parameters.String(filter) is not { } wanted || wanted == value;
}
