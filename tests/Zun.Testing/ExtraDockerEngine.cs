using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Zun.Testing;

/// <summary>
/// A Docker engine of the test's own beside the machine's, as ENVIRONMENT.md ("More Docker hosts on one machine") has
/// it: a bridge <c>zunbr-N</c> of its own on a free <c>10.252.N.1/24</c>, its own data root, exec root, pid file and
/// socket under a temporary directory, no iptables rules and no masquerading. It can be stopped and started as a
/// service manager restarts dockerd without touching the main engine that others' tests use. Disposing stops it and
/// removes its containers, its directory and its bridge, however the test ended.
/// </summary>
public sealed class ExtraDockerEngine : IAsyncDisposable
{
    private const int FirstSubnet = 200;
    private const int LastSubnet = 249;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dockerd;
    private readonly string _directory;
    private readonly string _bridge;
    private Process? _process;

    private ExtraDockerEngine(string dockerd, string directory, string bridge, string logPath)
    {
        _dockerd = dockerd;
        _directory = directory;
        _bridge = bridge;
        LogPath = logPath;
        Docker = new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).Build();
    }

    /// <summary>The engine's API, as the worker's <c>Zun:Docker:Endpoint</c> takes it.</summary>
    public string Endpoint => $"unix://{Path.Combine(_directory, "docker.sock")}";

    public DockerClient Docker { get; }

    /// <summary>The engine's own log, kept after the engine and its directory are gone.</summary>
    public string LogPath { get; }

    /// <summary>The dockerd binary on this machine, or null when there is none.</summary>
    public static string? FindDockerd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/bin"])
            .Select(dir => Path.Combine(dir, "dockerd"))
            .FirstOrDefault(File.Exists);

    /// <summary>Makes the bridge and starts the engine, its log in <paramref name="logDirectory"/>; returns once it answers.</summary>
    public static async Task<ExtraDockerEngine> StartAsync(string dockerd, string logDirectory)
    {
        var bridge = await CreateBridgeAsync();
        var directory = Path.Combine(Path.GetTempPath(), $"zun-engine-{Guid.NewGuid():N}"[..24]);
        var engine = new ExtraDockerEngine(dockerd, directory, bridge, Path.Combine(logDirectory, "dockerd.log"));
        try
        {
            Directory.CreateDirectory(directory);
            Directory.CreateDirectory(logDirectory);
            await engine.StartAgainAsync();
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Puts an image of the local registry on this engine, as the main engine has it.</summary>
    public async Task PullAsync(string image)
    {
        var colon = image.LastIndexOf(':');
        await Docker.Images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = image[..colon], Tag = image[(colon + 1)..] }, authConfig: null, new Progress<JSONMessage>());
    }

    /// <summary>Stops the engine as a service manager does (SIGTERM; it stops its containers first) and waits until it exited.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
            await GracefulStop.StopAsync(process, StopTimeout);
    }

    /// <summary>Starts the engine (again) on the same directories and socket; returns once it answers.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_dockerd) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[
            "--data-root", Path.Combine(_directory, "data"), "--exec-root", Path.Combine(_directory, "exec"),
            "--pidfile", Path.Combine(_directory, "docker.pid"), "-H", Endpoint,
            "--bridge", _bridge, "--iptables=false", "--ip-masq=false"])
            start.ArgumentList.Add(argument);

        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilAnswering(process);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RemoveContainersAsync();
            await StopAsync();
            await KillLeftoversAsync();
        }
        finally
        {
            Docker.Dispose();
            _process?.Dispose();
            await RemoveDirectoryAsync();
            await RunAsync("ip", "link", "del", _bridge);
        }
    }

    /// <summary>
    /// A bridge on the first free /24 of 10.252.200-249. The link name carries the subnet, so two runs never take the
    /// same one: the second <c>ip link add</c> of a name fails and it tries the next.
    /// </summary>
    private static async Task<string> CreateBridgeAsync()
    {
        var addresses = (await RunAsync("ip", "-4", "-o", "addr", "show")).Output;
        for (var subnet = FirstSubnet; subnet <= LastSubnet; subnet++)
        {
            var name = $"zunbr-{subnet}";
            if (addresses.Contains($" 10.252.{subnet}.", StringComparison.Ordinal) || (await TryRunAsync("ip", "link", "add", name, "type", "bridge")).ExitCode != 0)
                continue;
            await RunAsync("ip", "addr", "add", $"10.252.{subnet}.1/24", "dev", name);
            await RunAsync("ip", "link", "set", name, "up");
            return name;
        }

        throw new InvalidOperationException($"no free bridge subnet in 10.252.{FirstSubnet}-{LastSubnet}.0/24");
    }

    private async Task WaitUntilAnswering(Process process)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"dockerd exited with {process.ExitCode} before it answered; its log: {LogPath}");
            if (clock.Elapsed > StartTimeout)
                throw new TimeoutException($"dockerd did not answer within {StartTimeout.TotalSeconds:0} s; its log: {LogPath}");
            try
            {
                using var ping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Docker.System.PingAsync(ping.Token);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or DockerApiException)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task RemoveContainersAsync()
    {
        if (_process is not { HasExited: false })
            return;
        try
        {
            var containers = await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
            await Parallel.ForEachAsync(containers, async (container, ct) =>
                await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, ct));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException)
        {
            // Stopping the engine stops them anyway, and its directory goes with them.
        }
    }

    /// <summary>
    /// The engine's processes that outlive it: its containerd when dockerd had to be killed, and containerd shims, which
    /// survive the engine by design and which a start interrupted by its stop leaves behind for good. Each is found by
    /// this engine's own directory in its command line.
    /// </summary>
    private async Task KillLeftoversAsync()
    {
        foreach (var pid in ProcessesMentioning(_directory))
            await TryRunAsync("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture));
    }

    private static IEnumerable<int> ProcessesMentioning(string text)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue; // it ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Contains(text, StringComparison.Ordinal))
                yield return pid;
        }
    }

    /// <summary>Unmounts what the engine left mounted under its directory (deepest first), then deletes the directory.</summary>
    private async Task RemoveDirectoryAsync()
    {
        var mounts = (await File.ReadAllLinesAsync("/proc/mounts"))
            .Select(line => line.Split(' ')[1])
            .Where(point => point.StartsWith(_directory, StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var point in mounts)
            await TryRunAsync("umount", "-l", point);
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        try
        {
            log.WriteLine(line);
        }
        catch (ObjectDisposedException)
        {
            // The last lines of an engine that has exited.
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var result = await TryRunAsync(program, arguments);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Output}");
    }

    private static async Task<(int ExitCode, string Output)> TryRunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
