using Docker.DotNet.Models;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using ContainerSpec = Zun.Contracts.Hosts.ContainerSpec;
using Zun.Worker.Tests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;
using RestartPolicy = Zun.Contracts.RestartPolicy;

namespace Zun.Worker.Tests;

/// <summary>
/// What happens to containers outside Zun (an exit, an OOM kill, a restart by policy, <c>docker kill</c>,
/// <c>docker rm</c>) is published as <see cref="ContainerObserved"/>, and the host's inventory as
/// <see cref="HostInventory"/>: the worker's live-state services on the test harness, against the real engine.
/// </summary>
public sealed class LiveStateTests(DockerHost docker)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kill_from_outside_is_observed_as_stopped_with_exit_code_137_within_2_seconds()
    {
        await using var worker = await Following();
        var containerId = await Run(worker, docker.Spec());

        var killedAt = TimeProvider.System.GetUtcNow();
        await docker.Docker.Containers.KillContainerAsync(DockerName(containerId), new ContainerKillParameters { Signal = "SIGKILL" }, Cancellation);
        var died = await Observed(worker, containerId, "die");

        var delay = died.ObservedAt - killedAt;
        TestContext.Current.TestOutputHelper?.WriteLine($"docker kill -> ContainerObserved(die): {delay.TotalMilliseconds:F0} ms");
        Assert.Equal(ContainerStatus.Stopped, died.Status);
        Assert.Equal(137, died.ExitCode);
        Assert.Equal(worker.Host, died.Host);
        Assert.False(died.Vanished);
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task The_worker_does_not_publish_the_echo_of_its_own_start_but_does_a_start_from_outside()
    {
        await using var worker = await Following();
        var startedByWorker = await Run(worker, docker.Spec());
        var startedOutside = await Run(worker, docker.Spec(), run: false);

        await docker.Docker.Containers.StartContainerAsync(DockerName(startedOutside), new ContainerStartParameters(), Cancellation);
        await Observed(worker, startedOutside, "start");
        await docker.Docker.Containers.KillContainerAsync(DockerName(startedByWorker), new ContainerKillParameters { Signal = "SIGKILL" }, Cancellation);
        await Observed(worker, startedByWorker, "die");

        // The engine reports events in order: the worker's own start came before this die, and was not published.
        Assert.Empty(worker.AllPublished<ContainerObserved>(o => o.ContainerId == startedByWorker && o.Event == "start"));
    }

    [Fact]
    public async Task A_command_exiting_by_itself_is_observed_as_stopped_with_its_exit_code()
    {
        await using var worker = await Following();

        var containerId = await Run(worker, docker.Spec("sh", "-c", "exit 3"));
        var died = await Observed(worker, containerId, "die");

        Assert.Equal(ContainerStatus.Stopped, died.Status);
        Assert.Equal(3, died.ExitCode);
        Assert.Null(died.StatusReason);
    }

    [Fact]
    public async Task An_OOM_kill_is_observed_with_reason_OOMKilled()
    {
        await using var worker = await Following();

        // Docker was seen to miss an OOM kill within milliseconds of start (no oom event, no OOMKilled): wait a moment first.
        var containerId = await Run(worker, docker.Spec("sh", "-c", "sleep 0.5; x=a; while true; do x=$x$x; done") with { MemoryMb = 8 });
        var died = await Observed(worker, containerId, "die");
        var oom = await Observed(worker, containerId, "oom");

        // Docker reports oom and die in either order; whichever comes second finds the container OOM-killed.
        var killed = Assert.Single(new[] { died, oom }.Where(o => o.StatusReason == "OOMKilled").Take(1));
        Assert.Equal(ContainerStatus.Stopped, killed.Status);
        Assert.Equal(137, killed.ExitCode);
        Assert.Equal(137, died.ExitCode);
    }

    [Fact]
    public async Task Restarts_by_an_on_failure_policy_are_observed_as_start_and_die_cycles()
    {
        await using var worker = await Following();
        var spec = docker.Spec("sh", "-c", "exit 1") with { RestartPolicy = new RestartPolicy { Name = "on-failure", MaximumRetryCount = 2 } };

        var containerId = await Run(worker, spec);
        var lastDeath = await Observed(worker, containerId, "die", occurrence: 3);

        // The first start was the worker's own, which its outcome reported; the two restarts were the policy's.
        var observed = worker.AllPublished<ContainerObserved>(o => o.ContainerId == containerId);
        Assert.Equal(2, observed.Count(o => o.Event == "start"));
        Assert.Equal(3, observed.Count(o => o.Event == "die"));
        Assert.All(observed.Where(o => o.Event == "die"), o => Assert.Equal(1, o.ExitCode));
        Assert.Equal(ContainerStatus.Stopped, lastDeath.Status);
        Assert.Equal(2, (await docker.Inspect(containerId)).RestartCount);
    }

    [Fact]
    public async Task Removal_from_outside_is_observed_as_vanished()
    {
        await using var worker = await Following();
        var containerId = await Run(worker, docker.Spec());

        await docker.Docker.Containers.RemoveContainerAsync(DockerName(containerId), new ContainerRemoveParameters { Force = true }, Cancellation);
        var destroyed = await Observed(worker, containerId, "destroy");

        Assert.True(destroyed.Vanished);
        Assert.Null(destroyed.Status);
        Assert.False(destroyed.AutoRemove);
    }

    [Fact]
    public async Task An_auto_removed_container_vanishes_marked_as_auto_removed()
    {
        await using var worker = await Following();

        var containerId = await Run(worker, docker.Spec("true") with { AutoRemove = true });
        var destroyed = await Observed(worker, containerId, "destroy");

        Assert.True(destroyed.Vanished);
        Assert.True(destroyed.AutoRemove);
    }

    [Fact]
    public async Task The_inventory_lists_the_hosts_containers_with_their_statuses()
    {
        await using var worker = await Following(syncIntervalSeconds: 1);
        var running = await Run(worker, docker.Spec());
        var exited = await Run(worker, docker.Spec("sh", "-c", "exit 3"));
        var created = await Run(worker, docker.Spec(), run: false);
        await docker.Docker.Containers.WaitContainerAsync(DockerName(exited), Cancellation);
        var setUpAt = TimeProvider.System.GetUtcNow();

        var inventory = await worker.Published<HostInventory>(i => i.TakenAt > setUpAt, EventTimeout, "an inventory taken after the set-up");

        Assert.Equal(worker.Host, inventory.Host);
        Assert.Equal(3, inventory.Containers.Length);
        Assert.Equal(ContainerStatus.Running, Assert.Single(inventory.Containers, c => c.ContainerId == running).Status);
        var stopped = Assert.Single(inventory.Containers, c => c.ContainerId == exited);
        Assert.Equal(ContainerStatus.Stopped, stopped.Status);
        Assert.Equal(3, stopped.ExitCode);
        Assert.Equal(ContainerStatus.Created, Assert.Single(inventory.Containers, c => c.ContainerId == created).Status);
    }

    [Fact]
    public async Task After_the_event_stream_ends_the_follower_reconnects_publishes_the_inventory_and_reports_on()
    {
        await using var worker = await LiveWorker.StartAsync(docker, wrapRuntime: StreamEndingRuntime.Wrap);
        await worker.Published<HostInventory>(_ => true, EventTimeout, "the inventory published on connecting");

        var containerId = await Run(worker, docker.Spec(), run: false);
        await docker.Docker.Containers.StartContainerAsync(DockerName(containerId), new ContainerStartParameters(), Cancellation);
        var started = await Observed(worker, containerId, "start");
        var reconnected = await worker.Published<HostInventory>(
            i => i.TakenAt > started.ObservedAt, EventTimeout, "the inventory published on reconnecting");
        await docker.Docker.Containers.KillContainerAsync(DockerName(containerId), new ContainerKillParameters { Signal = "SIGKILL" }, Cancellation);
        var died = await Observed(worker, containerId, "die");

        Assert.Equal(2, StreamEndingRuntime.Of(worker.Runtime).StreamsOpened);
        Assert.Equal(ContainerStatus.Running, Assert.Single(reconnected.Containers).Status);
        Assert.Equal(137, died.ExitCode);

        // The stream resumed from the last event seen; the engine's replay of that event is not published twice.
        Assert.Single(worker.AllPublished<ContainerObserved>(o => o.ContainerId == containerId && o.Event == "start"));
    }

    /// <summary>A worker whose follower is connected: it publishes an inventory after every connect.</summary>
    private async Task<LiveWorker> Following(int syncIntervalSeconds = 60)
    {
        var worker = await LiveWorker.StartAsync(docker, syncIntervalSeconds: syncIntervalSeconds);
        await worker.Published<HostInventory>(_ => true, EventTimeout, "the inventory published on connecting");
        return worker;
    }

    private async Task<Guid> Run(LiveWorker worker, ContainerSpec spec, bool run = true)
    {
        var containerId = Guid.NewGuid();
        await worker.Handler.Handle(
            new PerformContainerAction
            {
                OperationId = Guid.NewGuid(),
                ContainerId = containerId,
                Action = ContainerAction.Create,
                Host = worker.Host,
                Spec = spec,
                Run = run,
            },
            Cancellation);
        return containerId;
    }

    /// <summary>The <paramref name="occurrence"/>-th observation of <paramref name="dockerEvent"/> on the container.</summary>
    private static Task<ContainerObserved> Observed(LiveWorker worker, Guid containerId, string dockerEvent, int occurrence = 1) =>
        worker.Published<ContainerObserved>(
            o => o.ContainerId == containerId && o.Event == dockerEvent,
            EventTimeout,
            $"observation #{occurrence} of '{dockerEvent}' on {containerId}",
            occurrence);

    private static string DockerName(Guid containerId) => $"zun-{containerId:D}";
}
