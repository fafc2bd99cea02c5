using System.Diagnostics;
using Zun.Contracts;
using Zun.Worker.Tests.Infrastructure;

namespace Zun.Worker.Tests;

/// <summary>Exec, logs, top and stats through the runtime, on the real Docker engine.</summary>
public sealed class ContainerQueryTests(DockerHost docker)
{
    private readonly TestWorker _worker = docker.NewWorker();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exec_returns_stdout_and_stderr_interleaved_and_the_exit_code()
    {
        var (containerId, _) = await _worker.Run();

        var result = await _worker.Runtime.ExecAsync(
            containerId, ["sh", "-c", "echo out; echo err >&2; exit 3"], TimeSpan.FromSeconds(10), Cancellation);

        Assert.NotNull(result);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("out\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("err\n", result.Output, StringComparison.Ordinal);
        Assert.False(result.TimedOut);
        Assert.False(result.Truncated);
    }

    [Fact]
    public async Task Exec_past_its_timeout_answers_timed_out_without_an_exit_code()
    {
        var (containerId, _) = await _worker.Run();
        var clock = Stopwatch.StartNew();

        var result = await _worker.Runtime.ExecAsync(
            containerId, ["sh", "-c", "echo started; exec sleep 30"], TimeSpan.FromSeconds(1), Cancellation);

        Assert.NotNull(result);
        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        Assert.Equal("started\n", result.Output);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Exec_output_beyond_the_limit_is_cut_keeping_the_first_bytes()
    {
        var worker = docker.NewWorker(maxOutputBytes: 64);
        var (containerId, _) = await worker.Run();

        var result = await worker.Runtime.ExecAsync(containerId, ["seq", "1", "10000"], TimeSpan.FromSeconds(10), Cancellation);

        Assert.NotNull(result);
        Assert.True(result.Truncated);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(64, result.Output.Length);
        Assert.StartsWith("1\n2\n3\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_with_tail_return_the_last_lines()
    {
        var (containerId, _) = await _worker.Run("sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done");
        await docker.Docker.Containers.WaitContainerAsync($"zun-{containerId:D}", Cancellation);

        var all = await _worker.Runtime.GetLogsAsync(containerId, new GetContainerLogs { ContainerId = containerId }, Cancellation);
        var tail = await _worker.Runtime.GetLogsAsync(containerId, new GetContainerLogs { ContainerId = containerId, Tail = 2 }, Cancellation);

        Assert.Equal("line1\nline2\nline3\nline4\nline5\n", all!.Output);
        Assert.Equal("line4\nline5\n", tail!.Output);
        Assert.False(tail.Truncated);
    }

    [Fact]
    public async Task Logs_since_a_time_leave_out_what_was_written_before_it()
    {
        var createdBefore = TimeProvider.System.GetUtcNow().AddSeconds(-1);
        var (containerId, _) = await _worker.Run("echo", "early");
        await docker.Docker.Containers.WaitContainerAsync($"zun-{containerId:D}", Cancellation);

        var sinceBefore = await _worker.Runtime.GetLogsAsync(containerId, new GetContainerLogs { Since = createdBefore }, Cancellation);
        var sinceAfter = await _worker.Runtime.GetLogsAsync(
            containerId, new GetContainerLogs { Since = TimeProvider.System.GetUtcNow().AddSeconds(1) }, Cancellation);

        Assert.Equal("early\n", sinceBefore!.Output);
        Assert.Equal("", sinceAfter!.Output);
    }

    [Fact]
    public async Task Logs_select_streams_and_keep_the_newest_output_when_cut()
    {
        var worker = docker.NewWorker(maxOutputBytes: 20);
        var (containerId, _) = await worker.Run("sh", "-c", "echo to-stderr >&2; for i in $(seq 1 20); do echo line$i; done");
        await docker.Docker.Containers.WaitContainerAsync($"zun-{containerId:D}", Cancellation);

        var stderr = await worker.Runtime.GetLogsAsync(containerId, new GetContainerLogs { Stderr = true }, Cancellation);
        var stdout = await worker.Runtime.GetLogsAsync(containerId, new GetContainerLogs { Stdout = true }, Cancellation);

        Assert.Equal("to-stderr\n", stderr!.Output);
        Assert.True(stdout!.Truncated);
        Assert.EndsWith("line19\nline20\n", stdout.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("to-stderr", stdout.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_of_a_container_with_a_tty_are_read_as_they_are()
    {
        var (containerId, _) = await _worker.Create(docker.Spec("echo", "on a terminal") with { Tty = true });
        await docker.Docker.Containers.WaitContainerAsync($"zun-{containerId:D}", Cancellation);

        var logs = await _worker.Runtime.GetLogsAsync(containerId, new GetContainerLogs { Timestamps = true }, Cancellation);

        Assert.Matches(@"^\d{4}-\d\d-\d\dT[\d:.]+Z on a terminal\r\n$", logs!.Output);
    }

    [Fact]
    public async Task Stats_of_a_running_container_show_its_memory_use()
    {
        var (containerId, _) = await _worker.Create(docker.Spec() with { MemoryMb = 64 });

        var stats = await _worker.Runtime.GetStatsAsync(containerId, Cancellation);

        Assert.NotNull(stats);
        Assert.InRange(stats.MemoryUsageBytes, 1, 64L * 1024 * 1024);
        Assert.Equal(64L * 1024 * 1024, stats.MemoryLimitBytes);
        Assert.InRange(stats.Pids, 1, 10);
        Assert.InRange(stats.CpuPercent, 0, 100.0 * Environment.ProcessorCount);
        Assert.True(stats.NetworkRxBytes >= 0 && stats.NetworkTxBytes >= 0);
    }

    [Fact]
    public async Task Top_lists_the_container_process()
    {
        var (containerId, _) = await _worker.Run("sleep", "299");

        var top = await _worker.Runtime.GetTopAsync(containerId, "-ef", Cancellation);

        Assert.NotNull(top);
        Assert.Contains("PID", top.Titles);
        var command = Array.IndexOf(top.Titles, "CMD");
        Assert.Contains(top.Processes, p => p[command] == "sleep 299");
    }

    [Fact]
    public async Task Queries_about_a_missing_container_answer_null()
    {
        var missing = Guid.NewGuid();

        Assert.Null(await _worker.Runtime.ExecAsync(missing, ["true"], TimeSpan.FromSeconds(5), Cancellation));
        Assert.Null(await _worker.Runtime.GetLogsAsync(missing, new GetContainerLogs(), Cancellation));
        Assert.Null(await _worker.Runtime.GetTopAsync(missing, "-ef", Cancellation));
        Assert.Null(await _worker.Runtime.GetStatsAsync(missing, Cancellation));
    }
}
