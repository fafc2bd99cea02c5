using System.Text.Json;
using Zun.Cli.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Cli.Tests;

/// <summary>
/// The built <c>zun</c> for the commands the real worker does not carry out yet, against a fake
/// conductor on the real RabbitMQ: what the CLI puts on the wire, and how it shows the answers.
/// </summary>
public sealed class CliFakeConductorTests(FakeConductorFixture fixture) : IClassFixture<FakeConductorFixture>
{
    private static readonly Guid ContainerId = FakeConductor.Container.ContainerId;

    private FakeConductor Fake => fixture.Fake;

    private Task<CliResult> Zun(params string[] args) => ZunCli.RunAsync(Fake.RabbitUrl, args);

    private async Task<T> Sent<T>(params string[] args)
        where T : class
    {
        var operationId = Guid.NewGuid();
        // Right after the subcommand: what follows an image or a container may be the container's own command line.
        var result = await Zun([args[0], "--operation-id", operationId.ToString(), .. args[1..]]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var sent = await Fake.ReceivedOne<T>(m => OperationIdOf(m) == operationId);
        return sent;
    }

    private static Guid OperationIdOf(object message) => (Guid)message.GetType().GetProperty("OperationId")!.GetValue(message)!;

    [Fact]
    public async Task Restart_sends_RestartContainer_with_the_stop_timeout_and_waits_for_the_outcome()
    {
        var sent = await Sent<RestartContainer>("restart", "fake-web", "--time", "7", "--wait");

        Assert.Equal(ContainerId, sent.ContainerId);
        Assert.Equal(7, sent.TimeoutSeconds);
        Assert.Equal("cli-tests", sent.ProjectId);
        Assert.Equal("cli-tester", sent.UserId);
    }

    [Fact]
    public async Task Pause_and_unpause_send_their_commands()
    {
        var pause = await Sent<PauseContainer>("pause", "fake-web");
        var unpause = await Sent<UnpauseContainer>("unpause", ContainerId.ToString(), "--project", "p2", "--user", "u2");

        Assert.Equal(ContainerId, pause.ContainerId);
        Assert.Equal(ContainerId, unpause.ContainerId);
        Assert.Equal("p2", unpause.ProjectId);
        Assert.Equal("u2", unpause.UserId);
    }

    [Fact]
    public async Task The_project_acted_for_goes_on_questions_as_on_commands_and_all_projects_on_both()
    {
        var shown = await Zun("show", ContainerId.ToString(), "--project", "p3");
        var listed = await Zun("--all-projects", "list", "--name", "every-projects-web");
        var pause = await Sent<PauseContainer>("pause", ContainerId.ToString(), "--all-projects");

        Assert.True(shown.ExitCode == 0 && listed.ExitCode == 0, $"{shown}\n{listed}");
        Assert.False((await Fake.ReceivedOne<GetContainer>(m => m.ProjectId == "p3")).AllProjects);
        var list = await Fake.ReceivedOne<ListContainers>(m => m.Name == "every-projects-web");
        Assert.Equal(((string?)null, true), (list.ProjectId, list.AllProjects));
        Assert.Equal(("cli-tests", true), (pause.ProjectId, pause.AllProjects));
    }

    [Fact]
    public async Task Update_sends_cpu_and_memory_in_MiB()
    {
        var sent = await Sent<UpdateContainer>("update", "fake-web", "--cpu", "0.5", "--memory", "1g");

        Assert.Equal(0.5, sent.Cpu);
        Assert.Equal(1024, sent.MemoryMb);
    }

    [Fact]
    public async Task Update_without_cpu_or_memory_is_a_usage_error()
    {
        var result = await Zun("update", "fake-web");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("--cpu, --memory or both", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_splits_repository_and_tag_keeping_a_registry_port()
    {
        var tagged = await Sent<CommitContainer>("commit", "fake-web", "127.0.0.1:5000/team/app:v2");
        var untagged = await Sent<CommitContainer>("commit", "fake-web", "127.0.0.1:5000/team/app");

        Assert.Equal("127.0.0.1:5000/team/app", tagged.Repository);
        Assert.Equal("v2", tagged.Tag);
        Assert.Equal("127.0.0.1:5000/team/app", untagged.Repository);
        Assert.Null(untagged.Tag);
    }

    [Fact]
    public async Task Rebuild_sends_the_new_image()
    {
        var sent = await Sent<RebuildContainer>("rebuild", "fake-web", "--image", "127.0.0.1:5000/busybox:v2", "--wait");

        Assert.Equal("127.0.0.1:5000/busybox:v2", sent.Image);
    }

    [Fact]
    public async Task Kill_rm_and_stop_send_their_options()
    {
        var kill = await Sent<KillContainer>("kill", "fake-web", "--signal", "SIGTERM");
        var rm = await Sent<DeleteContainer>("rm", "fake-web", "--force", "--stop");
        var stop = await Sent<StopContainer>("stop", "fake-web", "-t", "3");

        Assert.Equal("SIGTERM", kill.Signal);
        Assert.True(rm.Force);
        Assert.True(rm.Stop);
        Assert.Equal(3, stop.TimeoutSeconds);
    }

    [Fact]
    public async Task Run_sends_every_option_of_CreateContainer()
    {
        var containerId = Guid.NewGuid();
        var sent = await Sent<CreateContainer>(
            "run", "--id", containerId.ToString(), "--name", "web", "-e", "A=1", "-e", "B=x=y", "-l", "team=a", "--cpu", "1.5", "-m", "256m",
            "-w", "/srv", "--hostname", "h1", "--host", "worker-a", "--entrypoint", "/bin/sh", "--restart", "on-failure:3", "--rm", "-p", "80/tcp",
            "--pull", "always", "--runtime", "runc", "-it", "--privileged", "127.0.0.1:5000/busybox:latest", "sh", "-c", "echo hi");

        Assert.Equal(containerId, sent.ContainerId);
        Assert.True(sent.Run);
        Assert.Equal("web", sent.Name);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y" }, sent.Environment);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "a" }, sent.Labels);
        Assert.Equal(1.5, sent.Cpu);
        Assert.Equal(256, sent.MemoryMb);
        Assert.Equal("/srv", sent.Workdir);
        Assert.Equal("h1", sent.Hostname);
        Assert.Equal("worker-a", sent.Host);
        Assert.Equal(["/bin/sh"], sent.Entrypoint!);
        Assert.Equal(new RestartPolicy { Name = "on-failure", MaximumRetryCount = 3 }, sent.RestartPolicy);
        Assert.True(sent.AutoRemove);
        Assert.Equal(["80/tcp"], sent.ExposedPorts!);
        Assert.Equal("always", sent.ImagePullPolicy);
        Assert.Equal("runc", sent.Runtime);
        Assert.True(sent.Interactive);
        Assert.True(sent.Tty);
        Assert.True(sent.Privileged);
        Assert.Equal("127.0.0.1:5000/busybox:latest", sent.Image);
        Assert.Equal(["sh", "-c", "echo hi"], sent.Command!);
    }

    [Fact]
    public async Task Create_does_not_start_and_a_bad_memory_size_is_a_usage_error()
    {
        var sent = await Sent<CreateContainer>("create", "127.0.0.1:5000/busybox:latest");
        var bad = await Zun("create", "--memory", "lots", "127.0.0.1:5000/busybox:latest");

        Assert.False(sent.Run);
        Assert.Null(sent.Command);
        Assert.Equal(4, bad.ExitCode);
        Assert.Contains("'lots' is not a memory size", Assert.Single(bad.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_prints_the_commands_output_and_exits_0()
    {
        var result = await Zun("exec", "fake-web", "ls", "-l", "/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ran: ls -l /\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        var sent = await Fake.ReceivedOne<ExecInContainer>(m => m.Command.SequenceEqual(["ls", "-l", "/"]));
        Assert.Equal(ContainerId, sent.ContainerId);
        Assert.NotEqual(Guid.Empty, sent.OperationId);
    }

    [Fact]
    public async Task Exec_of_a_failing_command_exits_0_and_reports_its_exit_code()
    {
        var table = await Zun("exec", "--exec-timeout", "5", "fake-web", "--", "sh", "exit3");
        var json = await Zun("exec", "--format", "json", "fake-web", "sh", "exit3", "again");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Equal("zun: exec: command exited with code 3", Assert.Single(table.StderrLines));
        Assert.Equal(5, (await Fake.ReceivedOne<ExecInContainer>(m => m.Command.SequenceEqual(["sh", "exit3"]))).TimeoutSeconds);
        using var parsed = JsonDocument.Parse(json.Stdout);
        Assert.Equal(3, parsed.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Exec_refused_by_the_conductor_exits_2_with_its_reason()
    {
        var result = await Zun("exec", "fake-web", "refuse");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("zun: exec rejected: cannot execute in a container in status Stopped", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Logs_tail_prints_the_last_lines()
    {
        var result = await Zun("logs", "fake-web", "--tail", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("line 4\nline 5\n", result.Stdout);
        var sent = await Fake.ReceivedOne<GetContainerLogs>(m => m.Tail == 2);
        Assert.Equal(ContainerId, sent.ContainerId);
        Assert.False(sent.Timestamps);
    }

    [Fact]
    public async Task Logs_follow_polls_without_printing_a_line_twice_until_ctrl_c()
    {
        await using var logs = ZunCli.StartFollowing(Fake.RabbitUrl, "logs", "fake-web", "--follow", "--tail", "3", "--interval", "0.3");
        await logs.WaitForLine(l => l == "line 5");
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        var exitCode = await logs.InterruptAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal(["line 3", "line 4", "line 5"], logs.Stdout);
        Assert.True(Fake.Received.OfType<GetContainerLogs>().Count(m => m.Since is not null) >= 2);
    }

    [Fact]
    public async Task Top_prints_a_process_table()
    {
        var table = await Zun("top", "fake-web", "--ps-args", "aux");
        var json = await Zun("top", "fake-web", "--format", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("PID", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("sleep 300", table.Stdout, StringComparison.Ordinal);
        Assert.Equal("aux", (await Fake.ReceivedOne<GetContainerTop>(m => m.PsArgs == "aux")).PsArgs);
        using var parsed = JsonDocument.Parse(json.Stdout);
        Assert.Equal(2, parsed.RootElement.GetProperty("processes").GetArrayLength());
    }

    [Fact]
    public async Task Stats_prints_cpu_and_memory()
    {
        var table = await Zun("stats", "fake-web");
        var json = await Zun("stats", "fake-web", "--format", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("12.50 %", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 MiB / 64 MiB", table.Stdout, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json.Stdout);
        Assert.Equal(12.5, parsed.RootElement.GetProperty("cpuPercent").GetDouble());
        Assert.Equal(2, parsed.RootElement.GetProperty("pids").GetInt32());
    }
}
