using Spectre.Console;
using Zun.Bench.Infrastructure;
using Zun.Bench.Output;
using Zun.Testing;

namespace Zun.Bench.ControlPlane;

/// <summary>
/// The control plane end to end: a conductor and a worker on the Null runtime, each in its own process, on a fresh
/// virtual host; creates with run offered at a sweep of rates (open loop), then as fast as it goes (closed loop).
/// </summary>
internal sealed class ControlPlaneBenchmark(BenchEnvironment environment, RabbitMqManagement management, ControlPlaneOptions options)
{
    private static readonly string[] Command = ["sleep", "300"];

    public async Task<List<ControlPlaneResult>> RunAsync()
    {
        var results = new List<ControlPlaneResult>();
        foreach (var store in options.Stores)
        {
            if (store == "MongoDb" && environment.MongoUrl is null)
            {
                AnsiConsole.MarkupLine("[yellow]control plane on MongoDB: skipped (set ZUN_BENCH_MONGO_URL or ZUN_TEST_MONGO_URL)[/]");
                results.Add(new ControlPlaneResult { Store = store, Skipped = "no MongoDB configured (ZUN_BENCH_MONGO_URL / ZUN_TEST_MONGO_URL unset)" });
                continue;
            }

            results.Add(await RunOnStoreAsync(store));
        }

        return results;
    }

    private async Task<ControlPlaneResult> RunOnStoreAsync(string store)
    {
        AnsiConsole.MarkupLine($"[bold]control plane on {store}[/]: starting conductor and worker (Null runtime) as processes");
        await using var system = await ZunSystem.StartAsync(environment, management, $"cp-{store.ToLowerInvariant()}", store, "Null", options.ConductorSettings);
        await using var client = await LoadClient.ConnectAsync(system.RabbitUrl);
        var runner = new LoadRunner(client, BenchEnvironment.BusyboxImage, Command, options.DrainTimeout);

        // Idle: started, connected, nothing offered yet.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var conductorIdle = ProcessSample.Of(system.Conductor)?.RssMiB;
        var workerIdle = ProcessSample.Of(system.Worker)?.RssMiB;
        AnsiConsole.MarkupLine($"  idle RSS: conductor {conductorIdle:0.0} MiB, worker {workerIdle:0.0} MiB; warming up");
        await runner.WarmUpAsync(options.WarmupLoad, concurrency: 32);

        // What the warm-up left queued off the command path (notifications, operation records) drains first.
        await Task.Delay(TimeSpan.FromSeconds(5));

        var openLoop = new List<LoadResult>();
        foreach (var rate in options.Rates)
        {
            var (result, _) = await runner.OpenLoopAsync(rate, options.Warmup, options.Measured, new ResourceSampler(system.Conductor, system.Worker));
            openLoop.Add(result);
            Print(result);
            if (result.Saturated && options.StopAtSaturation)
            {
                AnsiConsole.MarkupLine($"  [yellow]saturated at {rate}/s offered; higher rates skipped[/]");
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var closed = await runner.ClosedLoopAsync(options.ClosedLoopConcurrency, options.Warmup, options.ClosedLoopMeasured,
            new ResourceSampler(system.Conductor, system.Worker));
        Print(closed);

        return new ControlPlaneResult
        {
            Store = store,
            ConductorIdleRssMiB = conductorIdle is { } c ? Math.Round(c, 1) : null,
            WorkerIdleRssMiB = workerIdle is { } w ? Math.Round(w, 1) : null,
            OpenLoop = openLoop,
            ClosedLoop = closed,
            Queues = [.. await management.DescribeQueuesAsync(system.VirtualHost)],
        };
    }

    private static void Print(LoadResult r) =>
        AnsiConsole.MarkupLine(
            $"  {r.Mode} {(r.OfferedPerSecond is { } o ? $"{o}/s" : $"x{r.Concurrency}")}: [bold]{r.ThroughputPerSecond:0.0}/s[/] p50 {r.P50Ms:0.0} p95 {r.P95Ms:0.0} p99 {r.P99Ms:0.0} ms"
            + $" (sent {r.Sent}, failed {r.Failed}, unfinished {r.Unfinished}; CPU conductor {r.Resources.ConductorCpuPercent}% worker {r.Resources.WorkerCpuPercent}%"
            + $" broker {r.Resources.BrokerCpuPercent}% bench {r.Resources.BenchCpuPercent}%, machine {r.Resources.MachineBusyPercent}% busy, load {r.Resources.LoadAverage1};"
            + $" CPU ms/op conductor {r.Resources.ConductorCpuMsPerOperation} worker {r.Resources.WorkerCpuMsPerOperation} broker {r.Resources.BrokerCpuMsPerOperation} bench {r.Resources.BenchCpuMsPerOperation})");
}
