using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts.Hosts;
using Zun.Testing.Harness;

namespace Zun.Conductor.Tests.Placement;

/// <summary>
/// Which host a new container goes to, what it claims there, and why none when none fits: the filters, the weigher and
/// the claims, with upstream's ratios (16 cpus per core, 1.5 MiB per MiB after 512 MiB reserved).
/// </summary>
public sealed class ContainerSchedulerTests
{
    private const int LivenessSeconds = 15;

    private readonly ManualClock _clock = new();
    private readonly WorkerDirectory _directory;
    private readonly InMemoryHostRecords _claims = new();
    private PlacementOptions _placement = new();

    public ContainerSchedulerTests() =>
        _directory = new WorkerDirectory(Microsoft.Extensions.Options.Options.Create(new ConductorOptions { WorkerLivenessSeconds = LivenessSeconds }), _clock);

    private ContainerScheduler Scheduler => new(
        _directory, _claims, Microsoft.Extensions.Options.Options.Create(_placement),
        Microsoft.Extensions.Options.Options.Create(new ConductorOptions { WorkerLivenessSeconds = LivenessSeconds }), _clock);

    [Fact]
    public async Task Spread_sends_each_new_container_to_the_host_with_the_most_room_left()
    {
        Beat("a", memoryMb: 4096);
        Beat("b", memoryMb: 4096);

        var hosts = new List<string>();
        for (var i = 0; i < 4; i++)
            hosts.Add((await Place(Request(memoryMb: 512))).Worker!.Host);

        Assert.Equal(["a", "b", "a", "b"], hosts);
        Assert.Equal(2, _claims.On("a").Count);
        Assert.Equal(2, _claims.On("b").Count);
    }

    [Fact]
    public async Task Pack_fills_the_fullest_host_that_still_fits_first()
    {
        _placement = new PlacementOptions { Weigher = HostWeigher.Pack };
        Beat("a", memoryMb: 4096);
        Beat("b", memoryMb: 4096);

        var hosts = new List<string>();
        for (var i = 0; i < 3; i++)
            hosts.Add((await Place(Request(memoryMb: 512))).Worker!.Host);

        Assert.Equal(["a", "a", "a"], hosts);
    }

    [Fact]
    public async Task A_host_takes_exactly_the_claims_its_memory_holds_and_the_next_is_refused_naming_what_is_short()
    {
        // (2,560 - 512 reserved) * 1.5 = 3,072 MiB claimable: exactly six claims of 512.
        Beat("only", memoryMb: 2560);
        for (var i = 0; i < 6; i++)
            Assert.NotNull((await Place(Request(memoryMb: 512))).Worker);

        var seventh = await Place(Request(memoryMb: 512));

        Assert.Null(seventh.Worker);
        Assert.False(seventh.CanWait);
        Assert.Equal("no valid host: only (memory: 0 of 3072 MiB free, 512 asked)", seventh.Reason);
    }

    [Fact]
    public async Task A_container_asking_for_no_resources_claims_the_defaults()
    {
        Beat("a", cpus: 2, memoryMb: 65_536);
        var request = Scheduler.RequestFor(new Zun.Conductor.StateMachines.TrackedContainer { CorrelationId = Guid.NewGuid() });

        await Place(request);

        var claim = Assert.Single(_claims.On("a"));
        Assert.Equal((1.0, 512), (claim.Cpu, claim.MemoryMb));
    }

    [Fact]
    public async Task Cpu_claims_count_against_the_cores_times_the_allocation_ratio()
    {
        _placement = new PlacementOptions { CpuAllocationRatio = 2 };
        Beat("a", cpus: 2, memoryMb: 65_536);

        Assert.NotNull((await Place(Request(cpu: 1.5))).Worker);
        Assert.NotNull((await Place(Request(cpu: 1.5))).Worker);
        var third = await Place(Request(cpu: 1.5));

        Assert.Equal("no valid host: a (cpu: 1 of 4 free, 1.5 asked)", third.Reason);
    }

    [Fact]
    public async Task A_cpu_limit_above_a_hosts_cores_passes_that_host_over_however_little_it_holds()
    {
        Beat("small", cpus: 2, memoryMb: 65_536);
        Beat("large", cpus: 8, memoryMb: 65_536, containers: 40);

        var placed = await Place(Request(cpu: 3) with { CpuLimit = 3 });

        Assert.Equal("large", placed.Worker?.Host);
    }

    [Fact]
    public async Task The_reason_names_every_host_and_the_filter_that_removed_it()
    {
        // Each host lacks one thing the container asks for.
        var rack = new Dictionary<string, string> { ["rack"] = "r1" };
        string[] runtimes = ["runc", "kata"];
        Beat("host-e", labels: rack, runtimes: runtimes);
        _clock.Advance(TimeSpan.FromSeconds(LivenessSeconds + 1));
        Beat("host-a", memoryMb: 1024, labels: rack, runtimes: runtimes);
        Beat("host-b", zone: "az2", labels: rack, runtimes: runtimes);
        Beat("host-c", labels: rack, runtimes: ["runc"]);
        Beat("host-d", labels: new() { ["rack"] = "r2" }, runtimes: runtimes);

        var placed = await Place(Request(memoryMb: 1024) with { AvailabilityZone = "nova", Runtime = "kata", Labels = rack });

        Assert.Null(placed.Worker);
        Assert.False(placed.CanWait);
        Assert.Equal(
            "no valid host: host-a (memory: 768 of 768 MiB free, 1024 asked), host-b (availability zone az2 ≠ nova), "
            + "host-c (runtime kata not offered (it has runc)), host-d (label rack=r2, not r1), "
            + $"host-e (down: its last heartbeat came {LivenessSeconds + 1} s ago, and a worker is live for {LivenessSeconds} s after one)",
            placed.Reason);
    }

    [Fact]
    public async Task A_disabled_or_forced_down_host_takes_no_container_and_the_reason_says_which()
    {
        Beat("maintained");
        Beat("forced");
        await _claims.ChangeServiceAsync("maintained", r => (r.Disabled, r.DisabledReason) = (true, "kernel upgrade"), TestContext.Current.CancellationToken);
        await _claims.ChangeServiceAsync("forced", r => r.ForcedDown = true, TestContext.Current.CancellationToken);

        var placed = await Place(Request());

        Assert.Equal((false, "no valid host: forced (forced down), maintained (disabled: kernel upgrade)"), (placed.CanWait, placed.Reason));
        await _claims.ChangeServiceAsync("maintained", r => r.Disabled = false, TestContext.Current.CancellationToken);
        Assert.Equal("maintained", (await Place(Request())).Worker?.Host);
    }

    [Fact]
    public async Task A_label_hint_removes_hosts_without_the_label_or_with_another_value()
    {
        Beat("labelled", labels: new() { ["rack"] = "r2" });
        Beat("plain");

        var placed = await Place(Request() with { Labels = new Dictionary<string, string> { ["rack"] = "r1" } });

        Assert.Equal("no valid host: labelled (label rack=r2, not r1), plain (label rack=r1 not set)", placed.Reason);
    }

    [Fact]
    public async Task A_worker_naming_no_zone_is_in_the_default_zone()
    {
        Beat("unzoned");
        Beat("zoned", zone: "az2");

        var inDefault = await Place(Request() with { AvailabilityZone = "nova" });
        var inOther = await Place(Request() with { AvailabilityZone = "az3" });

        Assert.Equal("unzoned", inDefault.Worker?.Host);
        Assert.Equal("no valid host: unzoned (availability zone nova ≠ az3), zoned (availability zone az2 ≠ az3)", inOther.Reason);
    }

    [Fact]
    public async Task A_zone_label_or_runtime_that_a_host_has_lets_it_through()
    {
        Beat("plain");
        Beat("wanted", zone: "az1", labels: new() { ["rack"] = "r1", ["ssd"] = "true" }, runtimes: ["runc", "kata"]);

        var placed = await Place(Request() with
        {
            AvailabilityZone = "az1",
            Runtime = "kata",
            Labels = new Dictionary<string, string> { ["rack"] = "r1", ["ssd"] = "true" },
        });

        Assert.Equal("wanted", placed.Worker?.Host);
    }

    [Fact]
    public void A_create_naming_no_zone_may_go_anywhere_unless_the_default_zone_is_required()
    {
        Assert.Null(Scheduler.ZoneFor(null));
        Assert.Equal("az1", Scheduler.ZoneFor(" az1 "));

        _placement = new PlacementOptions { ScheduleInDefaultZone = true, DefaultAvailabilityZone = "home" };

        Assert.Equal("home", Scheduler.ZoneFor(null));
    }

    [Fact]
    public async Task When_every_host_is_only_down_or_away_from_its_engine_the_container_may_wait()
    {
        Beat("away", engineReachable: false);
        Beat("silent");
        _clock.Advance(TimeSpan.FromSeconds(LivenessSeconds + 5));
        Beat("away", engineReachable: false);

        var placed = await Place(Request());

        Assert.Null(placed.Worker);
        Assert.True(placed.CanWait);
        Assert.StartsWith("no valid host: away (it cannot reach its Docker engine", placed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_worker_heard_or_a_pinned_one_unknown_the_container_may_wait()
    {
        var none = await Place(Request());
        Beat("a");
        var pinned = await Place(Request() with { RequestedHost = "elsewhere" });

        Assert.Equal((true, "no worker has sent this conductor a heartbeat"), (none.CanWait, none.Reason));
        Assert.Equal((true, "no worker named elsewhere has sent this conductor a heartbeat"), (pinned.CanWait, pinned.Reason));
    }

    [Fact]
    public async Task A_pinned_container_goes_to_its_host_or_is_refused_for_that_host_alone()
    {
        Beat("roomy", memoryMb: 65_536);
        Beat("pinned", memoryMb: 1024);

        var placed = await Place(Request(memoryMb: 512) with { RequestedHost = "pinned" });
        var refused = await Place(Request(memoryMb: 1024) with { RequestedHost = "pinned" });

        Assert.Equal("pinned", placed.Worker?.Host);
        Assert.Equal("no valid host: pinned (memory: 256 of 768 MiB free, 1024 asked)", refused.Reason);
    }

    [Fact]
    public async Task A_container_that_already_holds_a_claim_is_placed_where_it_holds_it_and_claims_nothing_more()
    {
        Beat("a");
        Beat("b");
        var request = Request(memoryMb: 512);
        var first = await Place(request);
        Beat(first.Worker!.Host, containers: 50);

        var again = await Place(request);

        Assert.Equal(first.Worker.Host, again.Worker?.Host);
        Assert.Single(_claims.On(first.Worker.Host));
    }

    [Fact]
    public async Task A_released_claim_makes_room_again()
    {
        Beat("only", memoryMb: 1280);
        var first = Request(memoryMb: 1024);
        await Place(first);
        Assert.False((await Place(Request(memoryMb: 1024))).CanWait);

        await Scheduler.ReleaseAsync("only", first.ContainerId, TestContext.Current.CancellationToken);

        Assert.Equal("only", (await Place(Request(memoryMb: 1024))).Worker?.Host);
    }

    private Task<PlacementDecision> Place(PlacementRequest request) => Scheduler.PlaceAsync(request, TestContext.Current.CancellationToken);

    private static PlacementRequest Request(double cpu = 0.1, int memoryMb = 64) =>
        new() { ContainerId = Guid.NewGuid(), Cpu = cpu, MemoryMb = memoryMb };

    private void Beat(
        string host, int cpus = 2, long memoryMb = 8192, int containers = 0, string? zone = null, Dictionary<string, string>? labels = null,
        string[]? runtimes = null, bool engineReachable = true) =>
        _directory.Record(new WorkerHeartbeat
        {
            Host = host,
            Endpoint = $"zun-worker-{host}",
            Cpus = cpus,
            MemoryMb = memoryMb,
            TotalContainers = containers,
            AvailabilityZone = zone,
            Labels = labels ?? [],
            Platform = runtimes is null ? null : new HostPlatform { Runtimes = runtimes },
            EngineUnreachableSince = engineReachable ? null : _clock.GetUtcNow(),
            Timestamp = _clock.GetUtcNow(),
        });
}
