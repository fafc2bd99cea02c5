using Zun.Cli.Tests.Infrastructure;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.Cli.Tests;

/// <summary>The built <c>zun</c> for the rest of the container API, end to end on the real worker and Docker.</summary>
public sealed class CliContainerApiTests(SharedZun zun)
{
    private const string Image = ZunTestSystem.BusyboxImage;

    private ZunTestSystem System => zun.System;

    private Task<CliResult> Zun(params string[] args) => ZunCli.RunAsync(System.RabbitUrl, args);

    private async Task<string> Run(params string[] command)
    {
        var name = $"cli-{Guid.NewGuid():N}"[..16];
        var result = await Zun(["run", "--wait", "--quiet", "--name", name, Image, .. (command.Length == 0 ? ["sleep", "300"] : command)]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return name;
    }

    [Fact]
    public async Task Exec_prints_the_commands_output()
    {
        var name = await Run();

        var result = await Zun("exec", name, "sh", "-c", "echo hello-from-exec");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hello-from-exec", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_with_tail_print_the_last_lines()
    {
        var name = await Run("sh", "-c", "echo one; echo two; echo three; sleep 300");
        CliResult result;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        do
        {
            // The container prints on its own schedule; there is no event for "printed".
            result = await Zun("logs", "--tail", "2", name);
        }
        while (!result.Stdout.Contains("three", StringComparison.Ordinal) && !deadline.IsCancellationRequested);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["two", "three"], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Pause_unpause_and_restart_with_wait_exit_0()
    {
        var name = await Run();

        var pause = await Zun("pause", "--wait", name);
        var paused = await Zun("show", name);
        var unpause = await Zun("unpause", "--wait", name);
        var restart = await Zun("restart", "--wait", name);

        Assert.True(pause.ExitCode == 0, pause.ToString());
        Assert.Contains("Paused", paused.Stdout, StringComparison.Ordinal);
        Assert.True(unpause.ExitCode == 0, unpause.ToString());
        Assert.True(restart.ExitCode == 0, restart.ToString());
    }

    [Fact]
    public async Task Top_and_stats_describe_the_running_container()
    {
        var name = await Run();

        var top = await Zun("top", name);
        var stats = await Zun("stats", "--format", "json", name);

        Assert.True(top.ExitCode == 0, top.ToString());
        Assert.Contains("sleep 300", top.Stdout, StringComparison.Ordinal);
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Contains("memoryUsageBytes", stats.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpause_of_a_running_container_exits_2_naming_unpause_and_Running()
    {
        var name = await Run();

        var result = await Zun("unpause", "--wait", name);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unpause", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Running", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
