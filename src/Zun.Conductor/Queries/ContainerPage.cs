using Zun.Contracts;

namespace Zun.Conductor.Queries;

/// <summary>
/// Orders the containers a <see cref="ListContainers"/> matched and cuts the page it asked for: the containers after
/// its marker, at most its limit. Ties in the sort key are broken by container id, so pages never overlap.
/// </summary>
internal static class ContainerPage
{
    public static ContainerList Of(IEnumerable<ContainerInfo> matching, ListContainers request)
    {
        var comparer = new ContainerOrder(request.SortKey, request.SortDescending);
        var sorted = matching.Order(comparer).ToList();

        var start = 0;
        if (request.Marker is { } marker)
        {
            var at = sorted.FindIndex(c => c.ContainerId == marker);
            if (at < 0)
                return new ContainerList { MarkerNotFound = true };
            start = at + 1;
        }

        var count = Math.Max(0, Math.Min(request.Limit ?? int.MaxValue, sorted.Count - start));
        return new ContainerList { Containers = [.. sorted.GetRange(start, count)] };
    }

    private sealed class ContainerOrder(ContainerSortKey key, bool descending) : IComparer<ContainerInfo>
    {
        public int Compare(ContainerInfo? x, ContainerInfo? y)
        {
            var order = CompareKeys(x!, y!);
            if (order == 0)
                order = x!.ContainerId.CompareTo(y!.ContainerId);
            return descending ? -order : order;
        }

        // Absent values sort first, as SQL's NULLs do ascending; text compares by code point, not by culture.
        private int CompareKeys(ContainerInfo x, ContainerInfo y) => key switch
        {
            ContainerSortKey.CreatedAt => x.CreatedAt.CompareTo(y.CreatedAt),
            ContainerSortKey.UpdatedAt => x.UpdatedAt.CompareTo(y.UpdatedAt),
            ContainerSortKey.ContainerId => 0,
            ContainerSortKey.Name => string.CompareOrdinal(x.Name, y.Name),
            ContainerSortKey.Image => string.CompareOrdinal(x.Image, y.Image),
            ContainerSortKey.Status => string.CompareOrdinal(x.Status.ToString(), y.Status.ToString()),
            ContainerSortKey.TaskState => Nullable.Compare(x.TaskState, y.TaskState),
            ContainerSortKey.Host => string.CompareOrdinal(x.Host, y.Host),
            ContainerSortKey.Cpu => Nullable.Compare(x.Cpu, y.Cpu),
            ContainerSortKey.Memory => Nullable.Compare(x.MemoryMb, y.MemoryMb),
            ContainerSortKey.ProjectId => string.CompareOrdinal(x.ProjectId, y.ProjectId),
            ContainerSortKey.UserId => string.CompareOrdinal(x.UserId, y.UserId),
            _ => throw new InvalidOperationException($"no order for sort key {key}"),
        };
    }
}
