using Zun.Conductor.Queries;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Queries;

/// <summary>How a list is filtered on unindexed fields, ordered and cut into pages in the conductor.</summary>
public sealed class ContainerPageTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ContainerInfo[] Containers =
    [
        Container(1, "web", memoryMb: 64),
        Container(2, "db", memoryMb: 128),
        Container(3, "web", memoryMb: 64, taskState: TaskState.ContainerStopping),
        Container(4, null, memoryMb: null),
        Container(5, "cache", memoryMb: 64, autoRemove: true),
    ];

    [Fact]
    public void By_default_the_list_is_every_container_oldest_first()
    {
        var page = ContainerPage.Of(Shuffled(), new ListContainers());

        Assert.Equal([1, 2, 3, 4, 5], Numbers(page));
    }

    [Fact]
    public void Equal_keys_are_ordered_by_container_id_in_the_direction_asked_for()
    {
        var ascending = ContainerPage.Of(Shuffled(), new ListContainers { SortKey = ContainerSortKey.Name });
        var descending = ContainerPage.Of(Shuffled(), new ListContainers { SortKey = ContainerSortKey.Name, SortDescending = true });

        // No name sorts first, then by code point; the two webs by id.
        Assert.Equal([4, 5, 2, 1, 3], Numbers(ascending));
        Assert.Equal([3, 1, 2, 5, 4], Numbers(descending));
    }

    [Fact]
    public void Pages_after_each_marker_cover_every_container_once()
    {
        var request = new ListContainers { SortKey = ContainerSortKey.Memory, SortDescending = true, Limit = 2 };
        var seen = new List<int>();
        for (var page = ContainerPage.Of(Shuffled(), request); page.Containers.Length > 0;
             page = ContainerPage.Of(Shuffled(), request with { Marker = page.Containers[^1].ContainerId }))
        {
            Assert.True(page.Containers.Length <= 2);
            seen.AddRange(Numbers(page));
        }

        Assert.Equal([2, 5, 3, 1, 4], seen);
    }

    [Fact]
    public void A_marker_that_names_no_listed_container_says_so_with_an_empty_page()
    {
        var page = ContainerPage.Of(Shuffled(), new ListContainers { Marker = Guid.NewGuid() });

        Assert.True(page.MarkerNotFound);
        Assert.Empty(page.Containers);
    }

    [Theory]
    [InlineData("name", new[] { 1, 3 })]
    [InlineData("memory", new[] { 1, 3, 5 })]
    [InlineData("task", new[] { 3 })]
    [InlineData("auto_remove", new[] { 5 })]
    [InlineData("name and memory", new[] { 1, 3 })]
    [InlineData("image", new int[0])]
    public void Unindexed_fields_filter_what_the_store_returned(string filter, int[] expected)
    {
        var request = filter switch
        {
            "name" => new ListContainers { Name = "web" },
            "memory" => new ListContainers { MemoryMb = 64 },
            "task" => new ListContainers { TaskState = TaskState.ContainerStopping },
            "auto_remove" => new ListContainers { AutoRemove = true },
            "name and memory" => new ListContainers { Name = "web", MemoryMb = 64 },
            _ => new ListContainers { Image = "other:latest" },
        };

        var page = ContainerPage.Of(Containers.Where(ContainerFilter.Remaining(request)), request);

        Assert.Equal(expected, Numbers(page));
    }

    private static ContainerInfo Container(int number, string? name, int? memoryMb, TaskState? taskState = null, bool autoRemove = false) => new()
    {
        ContainerId = new Guid(number, 0, 0, new byte[8]),
        Name = name,
        Image = "busybox:latest",
        MemoryMb = memoryMb,
        TaskState = taskState,
        AutoRemove = autoRemove,
        CreatedAt = Epoch.AddSeconds(number),
        UpdatedAt = Epoch.AddSeconds(10 - number),
    };

    private static IEnumerable<ContainerInfo> Shuffled() => Containers.OrderBy(c => c.ContainerId.GetHashCode() ^ 0x5bd1e995);

    private static int[] Numbers(ContainerList page) => [.. page.Containers.Select(c => BitConverter.ToInt32(c.ContainerId.ToByteArray(), 0))];
}
