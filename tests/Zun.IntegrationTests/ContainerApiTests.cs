using Docker.DotNet.Models;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests;

/// <summary>The rest of the container API end to end: commands and requests through the conductor to real Docker.</summary>
public sealed class ContainerApiTests(SharedZun zun)
{
    private ZunTestSystem System => zun.System;

    [Fact]
    public async Task Restart_runs_the_container_again_with_a_new_process()
    {
        var containerId = await System.RunContainer();
        var startedBefore = (await System.InspectInDocker(containerId))!.State!.StartedAt;
        var restart = new RestartContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, TimeoutSeconds = 1 };

        var completed = Assert.IsType<OperationCompleted>(await System.Execute(restart, restart.OperationId));

        Assert.Equal(ContainerStatus.Running, completed.Status);
        Assert.NotEqual(startedBefore, (await System.InspectInDocker(containerId))!.State!.StartedAt);
    }

    [Fact]
    public async Task Pause_and_unpause_freeze_and_resume_the_container_in_docker()
    {
        var containerId = await System.RunContainer();
        var pause = new PauseContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        var unpause = new UnpauseContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        Assert.Equal(ContainerStatus.Paused, Assert.IsType<OperationCompleted>(await System.Execute(pause, pause.OperationId)).Status);
        Assert.True((await System.InspectInDocker(containerId))!.State!.Paused);
        Assert.Equal(ContainerStatus.Running, Assert.IsType<OperationCompleted>(await System.Execute(unpause, unpause.OperationId)).Status);
        Assert.False((await System.InspectInDocker(containerId))!.State!.Paused);
    }

    [Fact]
    public async Task Update_changes_the_limits_of_the_running_container_as_docker_inspect_shows()
    {
        var containerId = await System.RunContainer();
        var update = new UpdateContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Cpu = 0.5, MemoryMb = 64 };

        Assert.IsType<OperationCompleted>(await System.Execute(update, update.OperationId));

        var host = (await System.InspectInDocker(containerId))!.HostConfig!;
        Assert.Equal((500_000_000L, 64L * 1024 * 1024), (host.NanoCPUs, host.Memory));
        var info = await System.Info(containerId);
        Assert.Equal((0.5, 64), (info.Cpu, info.MemoryMb));
    }

    [Fact]
    public async Task Commit_produces_an_image_holding_the_containers_changes()
    {
        var containerId = await System.RunContainer(["sh", "-c", "echo committed > /marker; sleep 300"]);
        var repository = $"zun-commit-{Guid.NewGuid():N}"[..24];
        var commit = new CommitContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Repository = repository, Tag = "v1" };

        Assert.IsType<OperationCompleted>(await System.Execute(commit, commit.OperationId));

        try
        {
            var fromImage = ZunTestSystem.NewCreate(["cat", "/marker"], run: true, image: $"{repository}:v1");
            Assert.IsType<OperationCompleted>(await System.Execute(fromImage, fromImage.OperationId));
            var logs = await WaitForLogs(fromImage.ContainerId, "committed");
            Assert.Contains("committed", logs.Output, StringComparison.Ordinal);
        }
        finally
        {
            await System.Docker.Images.DeleteImageAsync($"{repository}:v1", new ImageDeleteParameters { Force = true });
        }
    }

    [Fact]
    public async Task Rebuild_recreates_the_container_with_the_same_id_and_runs_it_again()
    {
        var containerId = await System.RunContainer();
        var dockerIdBefore = (await System.InspectInDocker(containerId))!.ID;
        var rebuild = new RebuildContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };

        var completed = Assert.IsType<OperationCompleted>(await System.Execute(rebuild, rebuild.OperationId));

        Assert.Equal(ContainerStatus.Running, completed.Status);
        var after = (await System.InspectInDocker(containerId))!;
        Assert.NotEqual(dockerIdBefore, after.ID);
        Assert.Equal(containerId.ToString("D"), after.Config!.Labels!["zun.container-id"]);
        Assert.True(after.State!.Running);
    }

    [Fact]
    public async Task Exec_returns_the_commands_output_and_exit_code()
    {
        var containerId = await System.RunContainer();

        var result = await System.Ask<ExecInContainer, ExecResult>(new ExecInContainer
        {
            ContainerId = containerId,
            Command = ["sh", "-c", "echo out; echo err >&2; exit 3"],
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("out", result.Output, StringComparison.Ordinal);
        Assert.Contains("err", result.Output, StringComparison.Ordinal);
        Assert.False(result.Truncated);
    }

    [Fact]
    public async Task Logs_with_tail_return_the_last_lines()
    {
        var containerId = await System.RunContainer(["sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done; sleep 300"]);
        await WaitForLogs(containerId, "line5");

        var logs = await System.Ask<GetContainerLogs, ContainerLogs>(new GetContainerLogs { ContainerId = containerId, Tail = 2 });

        Assert.Equal(["line4", "line5"], logs.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Top_and_stats_describe_the_running_container()
    {
        var containerId = await System.RunContainer(["sleep", "300"]);

        var top = await System.Ask<GetContainerTop, ContainerTop>(new GetContainerTop { ContainerId = containerId });
        var stats = await System.Ask<GetContainerStats, ContainerStats>(new GetContainerStats { ContainerId = containerId });

        Assert.Contains(top.Processes, p => string.Join(' ', p).Contains("sleep 300", StringComparison.Ordinal));
        Assert.True(stats.MemoryUsageBytes > 0);
    }

    [Fact]
    public async Task Exposed_ports_are_published_and_reported()
    {
        var create = ZunTestSystem.NewCreate(["sh", "-c", "while true; do echo ok | nc -l -p 8080; done"], run: true) with { ExposedPorts = ["8080/tcp"] };

        Assert.IsType<OperationCompleted>(await System.Execute(create, create.OperationId));

        var port = Assert.Single((await System.Info(create.ContainerId)).Ports);
        Assert.Equal("8080/tcp", port.ContainerPort);
        Assert.True(port.HostPort > 0);
    }

    private async Task<ContainerLogs> WaitForLogs(Guid containerId, string expected)
    {
        // The process writes its output on its own schedule; Docker offers no event for "printed a line".
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var logs = await System.Ask<GetContainerLogs, ContainerLogs>(new GetContainerLogs { ContainerId = containerId });
            if (logs.Output.Contains(expected, StringComparison.Ordinal))
                return logs;

            await Task.Delay(100, deadline.Token);
        }
    }
}
