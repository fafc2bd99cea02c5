using System.Diagnostics;
using System.Globalization;

namespace Zun.Testing;

/// <summary>
/// A conductor or worker run as operators run it (deploy/local/up.sh): <c>dotnet &lt;built dll&gt;</c> in a process of
/// its own, configured through environment variables, ready once it has written its process id to its readiness file.
/// Its output goes to a log file.
/// </summary>
public sealed class ZunProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private bool _closed;

    private ZunProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    /// <summary>A name for reports, e.g. <c>conductor-2</c>.</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the dll and returns once it is ready (bus started, every endpoint bound).</summary>
    /// <param name="name">A name for reports, e.g. <c>conductor-2</c>; also the name of its log and readiness files.</param>
    /// <param name="dll">The built program, e.g. src/Zun.Conductor/bin/Release/net10.0/zun-conductor.dll.</param>
    /// <param name="settings">Configuration keys (<c>Zun:RabbitMq:Url</c> or <c>Zun__RabbitMq__Url</c>) and their values.</param>
    /// <param name="logDirectory">Where the log and the readiness file go.</param>
    /// <param name="environment">Other environment variables, set as given, e.g. <c>DOTNET_ENVIRONMENT</c>.</param>
    /// <param name="arguments">Command-line arguments after the dll (Zun's own programs take none).</param>
    public static async Task<ZunProcess> StartAsync(
        string name, string dll, IReadOnlyDictionary<string, string> settings, string logDirectory, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? arguments = null)
    {
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is not built", dll);

        Directory.CreateDirectory(logDirectory);
        var readyFile = Path.Combine(logDirectory, $"{name}.ready");
        var logPath = Path.Combine(logDirectory, $"{name}.log");

        // A process that was killed leaves its readiness file behind; it must not count as ready.
        File.Delete(readyFile);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments ?? [])
            start.ArgumentList.Add(argument);

        // ':' is not allowed in environment variable names everywhere; .NET configuration reads '__' as ':'.
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        start.Environment["Zun__Readiness__File"] = readyFile;

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new ZunProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => running.Write(e.Data);
        process.ErrorDataReceived += (_, e) => running.Write(e.Data);
        if (!process.Start())
            throw new InvalidOperationException($"dotnet {dll} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await running.WaitUntilReady(readyFile);
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        return running;
    }

    /// <summary>kill -9: the process gets no chance to finish anything it is doing.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        Write($"--- killed with SIGKILL by the test at {DateTimeOffset.UtcNow:HH:mm:ss.fff} ---");
    }

    /// <summary>Stops the process as a service manager does: SIGTERM, then SIGKILL if it is still running after 30 s.</summary>
    public Task StopAsync() => GracefulStop.StopAsync(_process, StopTimeout);

    /// <summary>The last lines of the process's log, for failure messages.</summary>
    public string Tail(int lines = 30)
    {
        // The log is written with AutoFlush: the file already holds every line.
        using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(reader);
        return string.Join('\n', text.ReadToEnd().Split('\n').TakeLast(lines));
    }

    /// <summary>Kills the process and anything it started, unless it has exited already (see <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            lock (_logGate)
            {
                _closed = true;
                _log.Dispose();
            }
        }
    }

    private async Task WaitUntilReady(string readyFile)
    {
        // No event exists for another process becoming ready: poll its readiness file, as deploy/local/up.sh does.
        var id = _process.Id.ToString(CultureInfo.InvariantCulture);
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(readyFile) || (await File.ReadAllTextAsync(readyFile)).Trim() != id)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready; its log ({LogPath}) ends:\n{Tail()}");
            if (deadline.Elapsed > ReadyTimeout)
                throw new TimeoutException($"{Name} not ready within {ReadyTimeout.TotalSeconds:0} s; its log ({LogPath}) ends:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (_logGate)
        {
            // The last lines of a process being disposed have nowhere to go.
            if (!_closed)
                _log.WriteLine(line);
        }
    }
}
