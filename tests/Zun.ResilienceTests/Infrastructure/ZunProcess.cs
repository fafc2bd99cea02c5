using System.Diagnostics;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>
/// A real Zun process (conductor or worker) started as an operator starts it: <c>dotnet &lt;built dll&gt;</c> with its
/// settings in environment variables, ready once it has written its readiness file. Its output goes to a log file.
/// </summary>
public sealed class ZunProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();

    private ZunProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    /// <summary>A name for reports, e.g. <c>conductor#2</c>.</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the dll and returns once it is ready (bus started, every endpoint bound).</summary>
    public static async Task<ZunProcess> StartAsync(string name, string dll, IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is not built; build Zun.sln first", dll);

        Directory.CreateDirectory(logDirectory);
        var readyFile = Path.Combine(logDirectory, $"{name}.ready");
        var logPath = Path.Combine(logDirectory, $"{name}.log");
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
        foreach (var (key, value) in settings)
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

        await running.WaitUntilReady(readyFile);
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

    /// <summary>The last lines of the process's log, for failure messages.</summary>
    public string Tail(int lines = 30)
    {
        lock (_logGate)
            _log.Flush();
        using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(reader);
        var all = text.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

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
                _log.Dispose();
        }
    }

    private async Task WaitUntilReady(string readyFile)
    {
        // No event exists for another process becoming ready: poll its readiness file, as deploy/local/up.sh does.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (File.Exists(readyFile) && (await File.ReadAllTextAsync(readyFile)).Trim() == _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                return;
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready; its log ({LogPath}) ends:\n{Tail()}");
            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} not ready within {ReadyTimeout.TotalSeconds:0} s; its log ({LogPath}) ends:\n{Tail()}");
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a process being disposed.
            }
        }
    }
}
