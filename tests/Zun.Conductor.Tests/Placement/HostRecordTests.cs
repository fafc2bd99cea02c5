using Zun.Conductor.Placement;

namespace Zun.Conductor.Tests.Placement;

/// <summary>What decides whether a host's record must be written: every claim added or removed, whatever the count.</summary>
public sealed class HostRecordTests
{
    [Fact]
    public void A_release_and_a_claim_together_change_the_record_though_the_count_stays()
    {
        var record = HostRecord.For("host-a");
        var held = new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 512 };
        Assert.Null(record.TryAdd(held, new ClaimableResources(32, 8192)));
        var before = record.State;

        record.Remove(held.ContainerId);
        Assert.Null(record.TryAdd(new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 512 }, new ClaimableResources(32, 8192)));

        Assert.Single(record.Claims);
        Assert.NotEqual(before, record.State);
    }

    [Fact]
    public void A_claim_already_held_or_a_release_of_none_changes_nothing()
    {
        var record = HostRecord.For("host-a");
        var held = new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 512 };
        record.TryAdd(held, new ClaimableResources(32, 8192));
        var before = record.State;

        record.TryAdd(held, new ClaimableResources(32, 8192));
        record.Remove(Guid.NewGuid());

        Assert.Equal(before, record.State);
    }
}
