using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Zun.Testing;

namespace Zun.Api.Tests.Infrastructure;

/// <summary>
/// One more real Keystone process of a test's own, serving the local deployment's database and keys on a port of its
/// own: a test can stop it and start it again, or have it issue tokens that expire within seconds, without touching
/// the Keystone every other test uses.
/// </summary>
public sealed class KeystoneProcess : IAsyncDisposable
{
    private readonly string _config;
    private Process? _uwsgi;

    private KeystoneProcess(string config, int port)
    {
        _config = config;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/v3";

    /// <summary>Starts it; with <paramref name="tokenSeconds"/>, the tokens it issues expire after that long.</summary>
    public static async Task<KeystoneProcess> StartAsync(int? tokenSeconds = null)
    {
        var directory = Directory.CreateTempSubdirectory("zun-keystone-").FullName;
        var lines = (await File.ReadAllLinesAsync(Path.Combine(KeystoneAdmin.StateDirectory, "keystone.conf")))
            .Select(l => l.StartsWith("log_file", StringComparison.Ordinal) ? $"log_file = {directory}/keystone.log" : l)
            .Select(l => tokenSeconds is { } seconds && l.StartsWith("expiration", StringComparison.Ordinal) ? $"expiration = {seconds}" : l);
        var config = Path.Combine(directory, "keystone.conf");
        await File.WriteAllLinesAsync(config, lines);

        var keystone = new KeystoneProcess(config, FreePort());
        await keystone.StartAgainAsync();
        return keystone;
    }

    /// <summary>Starts the process (again, after <see cref="StopAsync"/>) and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("uwsgi") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--plugin", "python3", "--http-socket", $"127.0.0.1:{Port}", "--wsgi-file", "/usr/bin/keystone-wsgi-public",
                     "--processes", "1", "--add-header", "Connection: close", "--env", $"OS_KEYSTONE_CONFIG_FILES={_config}"])
            start.ArgumentList.Add(argument);
        _uwsgi = Process.Start(start) ?? throw new InvalidOperationException("uwsgi did not start");
        _uwsgi.OutputDataReceived += (_, _) => { };
        _uwsgi.ErrorDataReceived += (_, _) => { };
        _uwsgi.BeginOutputReadLine();
        _uwsgi.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var answer = await http.GetAsync(Url);
                if (answer.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline || _uwsgi.HasExited)
                throw new InvalidOperationException($"Keystone on port {Port} did not answer within 90 s (exited: {_uwsgi.HasExited})");
            await Task.Delay(250);
        }
    }

    public async Task StopAsync()
    {
        if (_uwsgi is not { HasExited: false } uwsgi)
            return;
        uwsgi.Kill(entireProcessTree: true);
        await uwsgi.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _uwsgi?.Dispose();
        Directory.Delete(Path.GetDirectoryName(_config)!, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
