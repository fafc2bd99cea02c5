using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Consumers;
using Zun.Worker.LiveState;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Tests;

/// <summary>The Null runtime (benchmarks only): the worker's handler on it, with no engine behind it.</summary>
public sealed class NullRuntimeTests
{
    private readonly WorkerOptions _options = new() { Host = "null-host", Runtime = ContainerRuntimeKind.Null };
    private readonly NullContainerRuntime _runtime;
    private readonly ContainerActionHandler _handler;

    public NullRuntimeTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(_options);
        _runtime = new NullContainerRuntime(options, TimeProvider.System, NullLogger<NullContainerRuntime>.Instance);
        _handler = new ContainerActionHandler(_runtime, new ContainerMounts(_runtime, new NullVolumeRuntime(TimeProvider.System), options), new OwnActionEchoes(TimeProvider.System), options);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_with_run_is_running_at_once_and_listed_with_its_labels()
    {
        var containerId = Guid.NewGuid();

        var outcome = await _handler.Handle(Create(containerId), Cancellation);

        Assert.Equal(ContainerStatus.Running, outcome.Container?.Status);
        var listed = Assert.Single(await _runtime.ListAsync(_options.Host, Cancellation));
        Assert.Equal(containerId, ContainerLabels.ContainerIdOf(listed.Labels));
        Assert.Equal(1, (await _runtime.GetCapacityAsync(_options.Host, Cancellation)).RunningContainers);
    }

    [Fact]
    public async Task The_host_looks_like_the_machine_it_runs_on_as_uname_describes_it()
    {
        var platform = await _runtime.GetPlatformAsync(Cancellation);

        Assert.Equal((await Uname("-m"), await Uname("-r"), "linux"), (platform.Architecture, platform.KernelVersion, platform.OsType));
        Assert.False(string.IsNullOrEmpty(platform.OperatingSystem));
        Assert.True(platform.DiskTotalGb > 0, "the disk the worker runs from is reported");
    }

    [Fact]
    public async Task A_redelivered_create_finds_the_container_and_makes_no_second_one()
    {
        var create = Create(Guid.NewGuid());

        await _handler.Handle(create, Cancellation);
        var again = await _handler.Handle(create, Cancellation);

        Assert.Equal(ContainerStatus.Running, again.Container?.Status);
        Assert.Single(await _runtime.ListAsync(_options.Host, Cancellation));
    }

    [Fact]
    public async Task Stop_then_delete_leaves_nothing()
    {
        var containerId = Guid.NewGuid();
        await _handler.Handle(Create(containerId), Cancellation);

        var stopped = await _handler.Handle(Action(ContainerAction.Stop, containerId), Cancellation);
        var deleted = await _handler.Handle(Action(ContainerAction.Delete, containerId), Cancellation);

        Assert.Equal(ContainerStatus.Stopped, stopped.Container?.Status);
        Assert.Null(deleted.Container);
        Assert.Null(await _runtime.InspectAsync(containerId, Cancellation));
    }

    [Fact]
    public async Task The_event_stream_stays_open_and_empty_until_cancelled()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var reading = async () =>
        {
            await foreach (var _ in _runtime.WatchEventsAsync(_options.Host, DateTimeOffset.UtcNow, stop.Token))
                Assert.Fail("the Null runtime reported an event");
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(reading);
    }

    private PerformContainerAction Create(Guid containerId) => Action(ContainerAction.Create, containerId) with
    {
        Spec = new ContainerSpec { Image = "127.0.0.1:5000/busybox:latest", Command = ["sleep", "300"] },
        Run = true,
    };

    private PerformContainerAction Action(ContainerAction action, Guid containerId) => new()
    {
        OperationId = Guid.NewGuid(),
        ContainerId = containerId,
        Action = action,
        Host = _options.Host,
    };

    private static async Task<string> Uname(string option)
    {
        using var uname = Process.Start(new ProcessStartInfo("uname", option) { RedirectStandardOutput = true })!;
        var printed = await uname.StandardOutput.ReadToEndAsync(Cancellation);
        await uname.WaitForExitAsync(Cancellation);
        return printed.Trim();
    }
}
