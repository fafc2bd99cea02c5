using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Zun.Bench.Infrastructure;

/// <summary>
/// A conductor or worker run as operators run it: the built program in a process of its own, configured through
/// environment variables, ready once it writes its readiness file. Its output goes to a log file.
/// </summary>
internal sealed partial class ZunProcess : IAsyncDisposable
{
    private const int Sigterm = 15;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _closed;

    private ZunProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public ProcessSample? Sample() => _process.HasExited ? null : ProcessSample.Read(_process.Id);

    public static async Task<ZunProcess> StartAsync(string name, string dll, IReadOnlyDictionary<string, string> settings, string workDirectory)
    {
        var readyFile = Path.Combine(workDirectory, $"{name}.ready");
        var logPath = Path.Combine(workDirectory, $"{name}.log");
        File.Delete(readyFile);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Zun__Readiness__File"] = readyFile;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start");
        var running = new ZunProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => running.Write(e.Data);
        process.ErrorDataReceived += (_, e) => running.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!File.Exists(readyFile))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} before it was ready; see {logPath}");
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                await running.DisposeAsync();
                throw new TimeoutException($"{name} was not ready within 120 s; see {logPath}");
            }

            await Task.Delay(100);
        }

        return running;
    }

    /// <summary>Stops the process as a service manager does (SIGTERM, then SIGKILL after 30 s).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, Sigterm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (_log)
        {
            if (!_closed)
                _log.WriteLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
