using System.Diagnostics;

namespace Zun.Cli.Tests.Infrastructure;

/// <summary>A <c>zun</c> still running (events --follow, logs --follow): its lines as they come, and a Ctrl+C.</summary>
public sealed class RunningCli : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly Task _readers;

    internal RunningCli(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(Read(process.StandardOutput, _stdout), Read(process.StandardError, _stderr));
    }

    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_gate)
                return [.. _stdout];
        }
    }

    public IReadOnlyList<string> Stderr
    {
        get
        {
            lock (_gate)
                return [.. _stderr];
        }
    }

    /// <summary>Waits until a line matching <paramref name="match"/> has been written to stdout or stderr.</summary>
    public async Task<string> WaitForLine(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var limit = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < limit)
        {
            if (Stdout.Concat(Stderr).FirstOrDefault(match) is { } line)
                return line;
            if (_process.HasExited && _readers.IsCompleted)
                break;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no such line from zun; stdout:\n{string.Join('\n', Stdout)}\nstderr:\n{string.Join('\n', Stderr)}");
    }

    /// <summary>Ctrl+C: SIGINT to the process, then its exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        if (IgnoresSigint(_process.Id))
        {
            throw new InvalidOperationException(
                "zun ignores SIGINT because this test run does (a shell without job control starts background jobs that way, "
                + "and children inherit it): run the tests in the foreground, or from a shell with `set -m`");
        }

        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        await _readers;
        return _process.ExitCode;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        await _readers;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>Whether the process's signal disposition for SIGINT is "ignore" (bit 2 of SigIgn in /proc/PID/status).</summary>
    private static bool IgnoresSigint(int pid)
    {
        const ulong sigint = 1UL << (2 - 1);
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & sigint) != 0;
    }

    private async Task Read(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
                lines.Add(line);
        }
    }
}
