using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zun.Worker;

namespace Zun.Bench.Fleet;

/// <summary>
/// The bench's <c>fleet-workers</c> command: many worker hosts in one process, for the fleet bench. Each is zun-worker's
/// own wiring (<see cref="WorkerServiceCollectionExtensions.AddZunWorker"/>) in a host of its own, with its own
/// configuration, bus connection, work queue, heartbeat, event follower and runtime; nothing of the worker is
/// rewritten. Configured as zun-worker is, from its settings file and then the environment, each host named
/// <c>Zun:Worker:Host</c> followed by <c>-01</c>, <c>-02</c> and on. Fifty zun-worker processes would cost fifty
/// runtimes, JITs and heaps on a machine of two cores; hosts in one process share them.
/// </summary>
internal static class FleetWorkers
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Starts <paramref name="count"/> workers one after another, reports ready once all are, and runs them until
    /// <paramref name="cancellationToken"/> is cancelled (the command line cancels it on SIGTERM).
    /// </summary>
    public static async Task<int> RunAsync(int count, string settingsFile, CancellationToken cancellationToken)
    {
        var shared = new ConfigurationBuilder().AddJsonFile(settingsFile, optional: false).AddEnvironmentVariables().Build();
        var prefix = shared["Zun:Worker:Host"] is { Length: > 0 } host ? host : Environment.MachineName;
        var hosts = new List<IHost>(count);
        try
        {
            for (var i = 1; i <= count && !cancellationToken.IsCancellationRequested; i++)
            {
                var worker = Build(shared, $"{prefix}-{i:00}");
                hosts.Add(worker);
                await worker.StartAsync(cancellationToken);
            }

            // One readiness file for the process, as zun-worker writes for itself: each host's own is switched off.
            if (shared["Zun:Readiness:File"] is { Length: > 0 } ready)
                await File.WriteAllTextAsync(ready, $"{Environment.ProcessId}\n", CancellationToken.None);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(hosts.Select(async h =>
            {
                using var timeout = new CancellationTokenSource(StopTimeout);
                await h.StopAsync(timeout.Token);
                h.Dispose();
            }));
        }

        return 0;
    }

    private static IHost Build(IConfiguration shared, string name)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = name });
        builder.Configuration.AddConfiguration(shared);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zun:Worker:Host"] = name,
            ["Zun:Readiness:File"] = "",
        });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.AddZunWorker();

        // The process stops its hosts itself on SIGTERM; a console lifetime each would have fifty handlers stop them too.
        builder.Services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>();
        return builder.Build();
    }

    private sealed class ProcessOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
