using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.IntegrationTests.Fleet;

/// <summary>
/// Placement across three real Docker hosts: where each container goes, that it runs on that host's engine and no
/// other, what it claims there, and why none when no host can take it. The hosts are alike but for their zones and labels.
/// </summary>
public sealed class FleetPlacementTests(ThreeHostFleet fleet) : IClassFixture<ThreeHostFleet>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private ZunTestSystem Zun => fleet.System;

    [Fact]
    public async Task Containers_spread_over_the_three_hosts_and_each_runs_on_its_hosts_engine_holding_its_claim()
    {
        Assert.SkipWhen(fleet.SkipReason is not null, fleet.SkipReason ?? "");
        var placed = new List<(Guid Id, string Host)>();
        for (var i = 0; i < 3; i++)
        {
            var create = ZunTestSystem.NewCreate(["sleep", "300"]) with { MemoryMb = 64, Cpu = 0.25 };
            Assert.IsType<OperationCompleted>(await Zun.Execute(create, create.OperationId, Timeout));
            placed.Add((create.ContainerId, (await Zun.Info(create.ContainerId)).Host!));
        }

        Assert.Equal(fleet.Hosts.Order(), placed.Select(p => p.Host).Order());
        foreach (var (id, host) in placed)
        {
            Assert.Equal([host], await fleet.EnginesHolding(id));
            var claim = Assert.Single(await fleet.ClaimsOn(host), c => c.ContainerId == id);
            Assert.Equal((0.25, 64), (claim.Cpu, claim.MemoryMb));
        }

        await DeleteAll(placed.Select(p => p.Id));
        foreach (var (id, host) in placed)
        {
            Assert.Empty(await fleet.EnginesHolding(id));
            Assert.DoesNotContain(await fleet.ClaimsOn(host), c => c.ContainerId == id);
        }
    }

    [Fact]
    public async Task A_zone_and_a_label_hint_send_each_container_to_the_one_host_that_matches()
    {
        Assert.SkipWhen(fleet.SkipReason is not null, fleet.SkipReason ?? "");
        var inAz1 = ZunTestSystem.NewCreate(["sleep", "300"]) with { AvailabilityZone = "az1" };
        var ssdInAz2 = ZunTestSystem.NewCreate(["sleep", "300"]) with { AvailabilityZone = "az2", Hints = new() { ["label:disk"] = "ssd" } };
        var plainInAz2 = ZunTestSystem.NewCreate(["sleep", "300"]) with { AvailabilityZone = "az2", Hints = new() { ["label:disk"] = "hdd" } };

        Assert.IsType<OperationCompleted>(await Zun.Execute(inAz1, inAz1.OperationId, Timeout));
        Assert.IsType<OperationCompleted>(await Zun.Execute(ssdInAz2, ssdInAz2.OperationId, Timeout));
        var refused = Assert.IsType<OperationFailed>(await Zun.Execute(plainInAz2, plainInAz2.OperationId, Timeout));

        Assert.Equal([fleet.A], await fleet.EnginesHolding(inAz1.ContainerId));
        Assert.Equal([fleet.B], await fleet.EnginesHolding(ssdInAz2.ContainerId));
        Assert.Equal(
            $"no valid host: {fleet.A} (availability zone az1 ≠ az2), {fleet.B} (label disk=ssd, not hdd), {fleet.C} (label disk=hdd not set)",
            refused.Reason);
        await DeleteAll([inAz1.ContainerId, ssdInAz2.ContainerId, plainInAz2.ContainerId]);
    }

    [Fact]
    public async Task A_container_no_host_has_the_memory_or_runtime_for_fails_at_once_naming_each_host_and_reaches_no_engine()
    {
        Assert.SkipWhen(fleet.SkipReason is not null, fleet.SkipReason ?? "");
        var huge = ZunTestSystem.NewCreate(["sleep", "300"]) with { MemoryMb = 512 * 1024 };
        var kata = ZunTestSystem.NewCreate(["sleep", "300"]) with { Runtime = "kata", AvailabilityZone = "az2" };

        var tooLarge = Assert.IsType<OperationFailed>(await Zun.Execute(huge, huge.OperationId, Timeout));
        var noRuntime = Assert.IsType<OperationFailed>(await Zun.Execute(kata, kata.OperationId, Timeout));

        Assert.StartsWith("no valid host: ", tooLarge.Reason, StringComparison.Ordinal);
        foreach (var host in fleet.Hosts)
            Assert.Matches($@"{host} \(memory: \d+ of \d+ MiB free, 524288 asked\)", tooLarge.Reason);
        Assert.StartsWith($"no valid host: {fleet.A} (availability zone az1 ≠ az2), {fleet.B} (runtime kata not offered (it has ", noRuntime.Reason, StringComparison.Ordinal);
        Assert.Empty(await fleet.EnginesHolding(huge.ContainerId));
        Assert.Equal(ContainerStatus.Error, (await Zun.Info(kata.ContainerId)).Status);
        foreach (var host in fleet.Hosts)
            Assert.DoesNotContain(await fleet.ClaimsOn(host), c => c.ContainerId == huge.ContainerId || c.ContainerId == kata.ContainerId);
        await DeleteAll([huge.ContainerId, kata.ContainerId]);
    }

    private async Task DeleteAll(IEnumerable<Guid> containers)
    {
        foreach (var id in containers)
        {
            var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = id, Force = true };
            Assert.IsType<OperationCompleted>(await Zun.Execute(delete, delete.OperationId, Timeout));
        }
    }
}
