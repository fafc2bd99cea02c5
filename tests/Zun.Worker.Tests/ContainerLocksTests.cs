using MassTransit;
using Zun.Worker.Consumers;

namespace Zun.Worker.Tests;

/// <summary>Work on one container is serialised; work on different containers never waits for each other.</summary>
public sealed class ContainerLocksTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Locks_on_different_containers_are_all_granted_at_once()
    {
        var locks = new ContainerLocks();

        // Sequential ids as clients generate them: they once shared lock stripes and waited for each other.
        var held = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => locks.Acquire(NewId.NextGuid(), CancellationToken.None)))
            .WaitAsync(Timeout);

        Assert.Equal(64, locks.Count);
        foreach (var release in held)
            release.Dispose();
    }

    [Fact]
    public async Task A_second_lock_on_the_same_container_waits_for_the_first_to_be_released()
    {
        var locks = new ContainerLocks();
        var containerId = Guid.NewGuid();
        var first = await locks.Acquire(containerId, CancellationToken.None);

        var second = locks.Acquire(containerId, CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(Timeout)).Dispose();
    }

    [Fact]
    public async Task Nothing_is_kept_once_every_lock_is_released_or_abandoned()
    {
        var locks = new ContainerLocks();
        var containerId = Guid.NewGuid();
        var first = await locks.Acquire(containerId, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var abandoned = locks.Acquire(containerId, giveUp.Token);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        first.Dispose();

        Assert.Equal(0, locks.Count);
    }
}
