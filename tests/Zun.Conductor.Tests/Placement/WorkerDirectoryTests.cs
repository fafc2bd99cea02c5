using Zun.Conductor.Options;
using Zun.Conductor.Placement;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.Placement;

/// <summary>Which worker a new container goes to, and which workers are up or down, as the heartbeats describe the fleet.</summary>
public sealed class WorkerDirectoryTests
{
    private const int LivenessSeconds = 15;
    private const int ForgetAfterSeconds = 3600;

    private readonly ManualClock _clock = new();
    private readonly WorkerDirectory _directory;

    public WorkerDirectoryTests() =>
        _directory = new WorkerDirectory(
            Microsoft.Extensions.Options.Options.Create(new ConductorOptions { WorkerLivenessSeconds = LivenessSeconds, ForgetWorkerAfterSeconds = ForgetAfterSeconds }), _clock);

    [Fact]
    public void With_no_heartbeat_at_all_the_reason_says_no_worker_has_sent_one()
    {
        Assert.Equal("no worker has sent this conductor a heartbeat", _directory.WhyNoneFor(pinnedHost: null));
        Assert.Equal("no worker named gone has sent this conductor a heartbeat", _directory.WhyNoneFor("gone"));
    }

    [Fact]
    public void For_a_silent_host_the_reason_says_when_it_last_beat_and_how_long_a_worker_is_live()
    {
        _directory.Record(Heartbeat("quiet", cpus: 2, containers: 0));
        _clock.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal($"its last heartbeat came 40 s ago, and a worker is live for {LivenessSeconds} s after one", _directory.WhyNoneFor("quiet"));
        Assert.Equal(
            $"no worker has sent a heartbeat in the last {LivenessSeconds} s (1 known, the latest heartbeat 40 s ago)",
            _directory.WhyNoneFor(pinnedHost: null));
    }

    [Fact]
    public void No_worker_is_chosen_before_any_heartbeat()
    {
        var chosen = _directory.Choose(pinnedHost: null);

        Assert.Null(chosen);
    }

    [Fact]
    public void The_worker_with_the_fewest_containers_per_core_is_chosen()
    {
        _directory.Record(Heartbeat("busy", cpus: 2, containers: 6));
        _directory.Record(Heartbeat("roomy", cpus: 8, containers: 8));

        var chosen = _directory.Choose(pinnedHost: null);

        Assert.Equal(("roomy", "zun-worker-roomy"), (chosen?.Host, chosen?.Endpoint));
    }

    [Fact]
    public void A_pinned_host_is_chosen_even_when_another_is_less_loaded()
    {
        _directory.Record(Heartbeat("busy", cpus: 2, containers: 6));
        _directory.Record(Heartbeat("roomy", cpus: 8, containers: 0));

        var chosen = _directory.Choose(pinnedHost: "busy");

        Assert.Equal("busy", chosen?.Host);
    }

    [Fact]
    public void A_pinned_host_that_is_not_live_is_not_replaced_by_another()
    {
        _directory.Record(Heartbeat("roomy", cpus: 8, containers: 0));

        var chosen = _directory.Choose(pinnedHost: "other");

        Assert.Null(chosen);
    }

    [Fact]
    public void A_worker_silent_for_longer_than_the_liveness_window_is_not_chosen()
    {
        _directory.Record(Heartbeat("test-host", cpus: 2, containers: 0));

        _clock.Advance(TimeSpan.FromSeconds(LivenessSeconds + 1));

        Assert.Null(_directory.Choose(pinnedHost: null));
        Assert.Empty(_directory.LiveWorkers());
    }

    [Fact]
    public void A_new_heartbeat_makes_a_silent_worker_live_again()
    {
        _directory.Record(Heartbeat("test-host", cpus: 2, containers: 0));
        _clock.Advance(TimeSpan.FromSeconds(LivenessSeconds + 1));

        _directory.Record(Heartbeat("test-host", cpus: 2, containers: 1));

        Assert.Equal("test-host", _directory.Choose(pinnedHost: null)?.Host);
    }

    [Fact]
    public void A_silent_worker_stays_known_as_down_since_its_last_heartbeat()
    {
        _directory.Record(Heartbeat("test-host", cpus: 2, containers: 0));
        var heardAt = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromSeconds(LivenessSeconds + 1));

        var known = Assert.Single(_directory.Workers());
        Assert.Equal(("test-host", false, heardAt), (known.Host, known.IsUp, known.LastSeen));
    }

    [Fact]
    public void A_down_worker_is_not_chosen_even_when_pinned()
    {
        _directory.Record(Heartbeat("test-host", cpus: 2, containers: 0));

        _clock.Advance(TimeSpan.FromSeconds(LivenessSeconds + 1));

        Assert.Null(_directory.Choose(pinnedHost: "test-host"));
    }

    [Fact]
    public void A_worker_silent_for_longer_than_the_forget_after_is_forgotten()
    {
        _directory.Record(Heartbeat("gone", cpus: 2, containers: 0));
        _clock.Advance(TimeSpan.FromSeconds(ForgetAfterSeconds - 10));
        _directory.Record(Heartbeat("still-listed", cpus: 2, containers: 0));

        _clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(["still-listed"], _directory.Workers().Select(w => w.Host));
    }

    [Fact]
    public void Each_heartbeat_heard_is_counted_and_the_latest_is_kept()
    {
        _directory.Record(Heartbeat("test-host", cpus: 2, containers: 0));
        _directory.Record(Heartbeat("test-host", cpus: 2, containers: 3));

        var known = Assert.Single(_directory.Workers());

        Assert.Equal((2L, 3), (known.Heartbeats, known.Latest.TotalContainers));
    }

    [Fact]
    public void A_worker_that_cannot_reach_its_engine_stays_up_but_is_not_chosen()
    {
        _directory.Record(Heartbeat("test-host", cpus: 2, containers: 0) with { EngineUnreachableSince = _clock.GetUtcNow() });

        Assert.Null(_directory.Choose(pinnedHost: null));
        Assert.Null(_directory.Choose(pinnedHost: "test-host"));
        Assert.True(Assert.Single(_directory.Workers()).IsUp);
    }

    private static WorkerHeartbeat Heartbeat(string host, int cpus, int containers) => new()
    {
        Host = host,
        Endpoint = $"zun-worker-{host}",
        Cpus = cpus,
        MemoryMb = 8192,
        RunningContainers = containers,
        TotalContainers = containers,
    };
}
