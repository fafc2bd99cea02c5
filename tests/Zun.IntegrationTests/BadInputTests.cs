using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>Invalid commands are rejected naming the field, never reach Docker, and leave the service running.</summary>
public sealed class BadInputTests(SharedZun zun)
{
    private ZunTestSystem System => zun.System;

    private static readonly (string Invalid, string Field)[] Cases =
    [
        ("empty image", "image"),
        ("memoryMb 0", "memoryMb"),
        ("memoryMb -5", "memoryMb"),
        ("cpu 0", "cpu"),
        ("cpu -1", "cpu"),
        ("empty containerId", "containerId"),
        ("image with capitals", "image"),
        ("image with ..", "image"),
        ("image with a newline", "image"),
        ("memoryMb 2 PiB", "memoryMb"),
        ("cpu above the host's cores", "cpu"),
        ("hostname with a newline", "hostname"),
        ("a 1 MB name", "name"),

        // runc never answers a start with an argument the kernel refuses: the engine's call hangs, holding the container.
        ("a 200 KB argument", "command"),
        ("a 200 KB variable", "environment"),
        ("1.5 MB of arguments", "command"),
        ("an argument with NUL", "command"),
    ];

    /// <summary>A reason quotes a bounded part of the bad value, however long it is.</summary>
    private const int MaxReasonLength = 400;

    public static TheoryData<string, string> InvalidCreates => new(Cases);

    private static IEnumerable<string> InvalidCases => Cases.Select(c => c.Invalid);

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task An_invalid_create_is_rejected_naming_the_field_and_reaches_no_host(string invalid, string field)
    {
        await System.WaitForLiveWorker();
        var create = Invalid(ZunTestSystem.NewCreate(), invalid);

        var outcome = await System.Execute(create, create.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains(field, rejected.Reason, StringComparison.Ordinal);
        Assert.InRange(rejected.Reason.Length, 1, MaxReasonLength);
        Assert.Empty(System.Events.All<OperationDispatched>(e => e.OperationId == create.OperationId));
        if (create.ContainerId != Guid.Empty)
            Assert.Null(await System.InspectInDocker(create.ContainerId));
    }

    [Fact]
    public async Task A_kill_with_an_unknown_signal_is_rejected_and_the_container_keeps_running()
    {
        var containerId = await System.RunContainer();
        var kill = new KillContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Signal = "SIGNOPE" };

        var outcome = await System.Execute(kill, kill.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("signal", rejected.Reason, StringComparison.Ordinal);
        Assert.True((await System.InspectInDocker(containerId))!.State!.Running);
    }

    [Fact]
    public async Task What_the_engine_refuses_quoting_a_long_command_fails_the_create_once_with_a_bounded_reason()
    {
        await System.WaitForLiveWorker();
        var create = ZunTestSystem.NewCreate(command: ["/" + new string('x', 4000)]);

        var failed = Assert.IsType<OperationFailed>(await System.Execute(create, create.OperationId, TimeSpan.FromSeconds(60)));

        Assert.InRange(failed.Reason.Length, 1, 1200);
        Assert.Contains("characters in all", failed.Reason, StringComparison.Ordinal);
        await System.Events.WaitFor<ContainerStatusChanged>(e => e.ContainerId == create.ContainerId && e.Status == ContainerStatus.Error);
        Assert.Single(System.Events.All<OperationAccepted>(e => e.OperationId == create.OperationId));
        Assert.Single(System.Events.All<OperationFailed>(e => e.OperationId == create.OperationId));
    }

    [Fact]
    public async Task A_command_for_an_unknown_container_is_rejected_as_not_found()
    {
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };

        var outcome = await System.Execute(stop, stop.OperationId);

        var rejected = Assert.IsType<OperationRejected>(outcome);
        Assert.Contains("not found", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_invalid_commands_the_service_still_runs_valid_ones()
    {
        foreach (var invalid in InvalidCases)
        {
            var bad = Invalid(ZunTestSystem.NewCreate(), invalid);
            await System.Execute(bad, bad.OperationId);
        }

        var containerId = await System.RunContainer();

        var response = await System.GetContainer(containerId);
        Assert.True(response.Is(out MassTransit.Response<ContainerInfo>? info));
        Assert.Equal(ContainerStatus.Running, info!.Message.Status);
    }

    private static CreateContainer Invalid(CreateContainer create, string invalid) => invalid switch
    {
        "empty image" => create with { Image = "" },
        "memoryMb 0" => create with { MemoryMb = 0 },
        "memoryMb -5" => create with { MemoryMb = -5 },
        "cpu 0" => create with { Cpu = 0 },
        "cpu -1" => create with { Cpu = -1 },
        "empty containerId" => create with { ContainerId = Guid.Empty },
        "image with capitals" => create with { Image = "127.0.0.1:5000/BusyBox:latest" },
        "image with .." => create with { Image = "127.0.0.1:5000/busy..box:latest" },
        "image with a newline" => create with { Image = "127.0.0.1:5000/busybox:latest\n" },
        "memoryMb 2 PiB" => create with { MemoryMb = int.MaxValue },

        // No host has that many: the machines this runs on have 2 cores.
        "cpu above the host's cores" => create with { Cpu = 1024 },
        "hostname with a newline" => create with { Hostname = "web\nevil" },
        "a 1 MB name" => create with { Name = new string('n', 1024 * 1024) + "!" },
        "a 200 KB argument" => create with { Command = ["echo", new string('x', 200_000)] },
        "a 200 KB variable" => create with { Environment = new() { ["BIG"] = new string('x', 200_000) } },
        "1.5 MB of arguments" => create with { Command = ["echo", .. Enumerable.Repeat(new string('x', 100_000), 15)] },
        "an argument with NUL" => create with { Command = ["echo", "a\0b"] },
        _ => throw new ArgumentOutOfRangeException(nameof(invalid), invalid, "no such case"),
    };
}
