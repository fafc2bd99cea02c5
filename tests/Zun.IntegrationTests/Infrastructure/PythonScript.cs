using System.Diagnostics;
using System.Threading.Channels;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>
/// A Python program from Debian's python3 (with python3-pika and python3-oslo.messaging), run as a
/// non-.NET client would be; its stdout lines can be awaited one by one.
/// </summary>
public sealed class PythonScript : IAsyncDisposable
{
    private const string Interpreter = "/usr/bin/python3";

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _errors = [];

    private PythonScript(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                _lines.Writer.TryComplete();
            else
                _lines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (_errors)
                    _errors.Add(e.Data);
        };
    }

    public static PythonScript Start(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", script));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Interpreter} did not start");
        var running = new PythonScript(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs a script to its end and fails with its stderr if it did not succeed.</summary>
    public static async Task Run(string script, params string[] arguments)
    {
        await using var running = Start(script, arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await running._process.WaitForExitAsync(timeout.Token);
        if (running._process.ExitCode != 0)
            throw new InvalidOperationException($"{script} exited with {running._process.ExitCode}: {running.Errors}");
    }

    public string Errors
    {
        get
        {
            lock (_errors)
                return string.Join(Environment.NewLine, _errors.TakeLast(20));
        }
    }

    /// <summary>The next stdout line that matches, within the timeout; lines before it are skipped.</summary>
    public async Task<string> WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(deadline.Token))
            {
                if (match(line))
                    return line;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"no matching line within {timeout.TotalSeconds:0} s; stderr: {Errors}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
