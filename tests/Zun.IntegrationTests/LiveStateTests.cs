using System.Diagnostics;
using Docker.DotNet.Models;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>Changes made to containers outside Zun reach Zun's status events within seconds, through Docker's event stream.</summary>
public sealed class LiveStateTests(SharedZun zun, ITestOutputHelper output)
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task A_docker_kill_from_outside_is_published_as_Stopped_137_within_two_seconds()
    {
        var containerId = await System.RunContainer();
        var clock = Stopwatch.StartNew();

        await System.Docker.Containers.KillContainerAsync($"zun-{containerId:D}", new ContainerKillParameters { Signal = "SIGKILL" });

        var changed = await System.Events.WaitFor<ContainerStatusChanged>(
            e => e.ContainerId == containerId && e.Status == ContainerStatus.Stopped, TwoSeconds);
        output.WriteLine($"outside kill -> ContainerStatusChanged in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(137, changed.ExitCode);
        Assert.Null(changed.OperationId);
    }

    [Fact]
    public async Task A_process_that_exits_3_by_itself_is_published_as_Stopped_with_exit_code_3()
    {
        var create = ZunTestSystem.NewCreate(["sh", "-c", "sleep 1; exit 3"], run: true);
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));

        var changed = await System.Events.WaitFor<ContainerStatusChanged>(
            e => e.ContainerId == create.ContainerId && e.Status == ContainerStatus.Stopped, TimeSpan.FromSeconds(5));

        Assert.Equal(3, changed.ExitCode);
    }

    [Fact]
    public async Task A_process_that_exits_at_once_after_its_start_ends_up_Stopped_with_its_exit_code()
    {
        // The worker reports a create with run as Running once the start succeeds; the exit that follows within
        // milliseconds, perhaps before the conductor has that outcome, reaches it as the engine's die event.
        var create = ZunTestSystem.NewCreate(["sh", "-c", "exit 4"], run: true);
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));

        var changed = await System.Events.WaitFor<ContainerStatusChanged>(
            e => e.ContainerId == create.ContainerId && e.Status == ContainerStatus.Stopped, TimeSpan.FromSeconds(5));
        var info = await System.Ask<GetContainer, ContainerInfo>(new GetContainer { ContainerId = create.ContainerId });

        Assert.Equal(4, changed.ExitCode);
        Assert.Equal((ContainerStatus.Stopped, 4), (info.Status, info.ExitCode));
    }

    [Fact]
    public async Task An_OOM_kill_is_published_with_the_reason_OOMKilled()
    {
        var create = ZunTestSystem.NewCreate(["sh", "-c", "sleep 0.5; x=a; while true; do x=$x$x; done"], run: true) with { MemoryMb = 8 };
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));

        var changed = await System.Events.WaitFor<ContainerStatusChanged>(
            e => e.ContainerId == create.ContainerId && e.Status == ContainerStatus.Stopped, TimeSpan.FromSeconds(20));

        Assert.Equal(137, changed.ExitCode);
        Assert.Equal("OOMKilled", changed.StatusReason);
    }

    [Fact]
    public async Task A_restart_policy_restarting_a_crashing_container_is_followed()
    {
        var create = ZunTestSystem.NewCreate(["sh", "-c", "sleep 0.5; exit 1"], run: true) with
        {
            RestartPolicy = new Zun.Contracts.RestartPolicy { Name = "on-failure", MaximumRetryCount = 2 },
        };
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));

        await System.Events.WaitFor<ContainerStatusChanged>(
            e => e.ContainerId == create.ContainerId && e.Status is ContainerStatus.Restarting or ContainerStatus.Running && e.OperationId == null,
            TimeSpan.FromSeconds(20));
        var restartCount = (await System.InspectInDocker(create.ContainerId))!.RestartCount;
        Assert.True(restartCount >= 1, $"Docker restarted it {restartCount} times");
    }

    [Fact]
    public async Task A_container_removed_outside_Zun_becomes_Error_No_such_container()
    {
        var containerId = await System.RunContainer();

        await System.Docker.Containers.RemoveContainerAsync($"zun-{containerId:D}", new ContainerRemoveParameters { Force = true });

        var changed = await System.Events.WaitFor<ContainerStatusChanged>(
            e => e.ContainerId == containerId && e.Status == ContainerStatus.Error, TimeSpan.FromSeconds(5));
        Assert.Equal("No such container", changed.StatusReason);
    }

    [Fact]
    public async Task An_auto_removed_container_that_exits_becomes_Deleted()
    {
        var create = ZunTestSystem.NewCreate(["sh", "-c", "sleep 1"], run: true) with { AutoRemove = true };
        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));

        await System.Events.WaitFor<ContainerStatusChanged>(
            e => e.ContainerId == create.ContainerId && e.Status == ContainerStatus.Deleted, TimeSpan.FromSeconds(10));
    }
}
