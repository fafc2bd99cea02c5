using Zun.Conductor.Placement;

namespace Zun.Conductor.Tests.Placement;

/// <summary>What decides whether a host's record must be written (every claim added, resized or removed, whatever the count; every service change), and resizes.</summary>
public sealed class HostRecordTests
{
    [Fact]
    public void A_release_and_a_claim_together_change_the_record_though_the_count_stays()
    {
        var record = HostRecord.For("host-a");
        var held = new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 512 };
        Assert.Null(record.TryAdd(held, new ClaimableResources(32, 8192)));
        var before = record.Revisions;

        record.Remove(held.ContainerId);
        Assert.Null(record.TryAdd(new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 512 }, new ClaimableResources(32, 8192)));

        Assert.Single(record.Claims);
        Assert.NotEqual(before, record.Revisions);
    }

    [Fact]
    public void A_claim_already_held_or_a_release_of_none_changes_nothing()
    {
        var record = HostRecord.For("host-a");
        var held = new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 512 };
        record.TryAdd(held, new ClaimableResources(32, 8192));
        var before = record.Revisions;

        record.TryAdd(held, new ClaimableResources(32, 8192));
        record.Remove(Guid.NewGuid());

        Assert.Equal(before, record.Revisions);
    }

    [Fact]
    public void A_service_change_is_a_revision_and_setting_the_same_value_is_not()
    {
        var record = HostRecord.For("host-a");
        record.Disabled = true;
        var disabled = record.Revisions;

        record.Disabled = true;
        Assert.Equal(disabled, record.Revisions);

        record.DisabledReason = "maintenance";
        Assert.Equal(disabled + 1, record.Revisions);
    }

    [Fact]
    public void A_claim_grows_only_into_the_room_the_other_claims_leave()
    {
        var record = HostRecord.For("host-a");
        var capacity = new ClaimableResources(4, 2048);
        var mine = new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 512 };
        record.TryAdd(mine, capacity);
        record.TryAdd(new HostClaim { ContainerId = Guid.NewGuid(), Cpu = 1, MemoryMb = 1024 }, capacity);

        Assert.Equal("memory: 1024 of 2048 MiB free, 1536 asked", record.TryResize(mine.ContainerId, 1, 1536, capacity));
        Assert.Equal(1536, record.Usage.MemoryMb);

        Assert.Null(record.TryResize(mine.ContainerId, 3, 1024, capacity));
        Assert.Equal((4.0, 2048L), (record.Usage.Cpu, record.Usage.MemoryMb));
        Assert.NotNull(record.TryResize(Guid.NewGuid(), 1, 512, capacity));
    }
}
