using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Spectre.Console;
using Zun.Bench.ControlPlane;
using Zun.Bench.Infrastructure;
using Zun.Bench.Output;
using Zun.Testing;

namespace Zun.Bench.DockerPath;

/// <summary>
/// What Zun adds to Docker: the same containers created and started straight through Docker.DotNet (create, then
/// start, as the Docker CLI's <c>run -d</c> does) and through Zun (a create with run, publish to OperationCompleted),
/// at the same concurrency, alternating in rounds so that both see the same machine. Every container carries the
/// label <c>zun.bench=true</c> and is removed after its round.
/// </summary>
internal sealed class DockerPathBenchmark(BenchEnvironment environment, RabbitMqManagement management, int containers, int concurrency, int rounds)
{
    private const string BenchLabel = "zun.bench";
    private const int WarmUpRounds = 2;
    private static readonly string[] Command = ["sleep", "300"];

    public async Task<DockerPathResult> RunAsync()
    {
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
        await RemoveBenchContainersAsync(docker);

        AnsiConsole.MarkupLine($"[bold]Docker path[/]: {containers} containers, {concurrency} at a time, {rounds} rounds each way; starting conductor and worker (Docker runtime)");
        // With metrics served, to split each create's time between the worker (Docker) and the rest. At saturation on
        // the control plane they cost the conductor about 5 % more CPU per create (docs/performance.md); at the ten or
        // so creates a second Docker manages here, under a millisecond of CPU a second.
        await using var system = await ZunSystem.StartAsync(environment, management, "docker", "Sqlite", "Docker", serveMetrics: true);
        await using var client = await LoadClient.ConnectAsync(system.RabbitUrl, hearDispatched: true);

        // Full rounds of each first, not counted: the worker's and conductor's paths run optimised code only after
        // tiered compilation has seen them for a while, and until then they compete with Docker for the CPU. One round
        // was not enough: the worker's JIT counters showed it still compiling 100-800 methods a second (a fifth of a
        // core) through the first measured round, and quiet only in the second.
        for (var warmUp = 0; warmUp < WarmUpRounds; warmUp++)
        {
            await RunDirectAsync(docker, containers);
            await RemoveBenchContainersAsync(docker);
            await RunZunAsync(client, containers);
            await RemoveBenchContainersAsync(docker);
        }

        var direct = new List<double>();
        var zun = new List<double>();
        var toDispatched = new List<double>();
        var dispatchedToCompleted = new List<double>();
        var summaries = new List<string>();
        double directSeconds = 0, zunSeconds = 0;
        int directFailed = 0, zunFailed = 0;
        var sampler = new ResourceSampler(system.Conductor, system.Worker);
        var before = await CreateTotalsAsync(system);
        for (var round = 1; round <= rounds; round++)
        {
            var d = await RunDirectAsync(docker, containers);
            await RemoveBenchContainersAsync(docker);
            var z = await RunZunAsync(client, containers);
            await RemoveBenchContainersAsync(docker);

            direct.AddRange(d.Latencies);
            zun.AddRange(z.Latencies);
            toDispatched.AddRange(z.ToDispatched);
            dispatchedToCompleted.AddRange(z.DispatchedToCompleted);
            directSeconds += d.Seconds;
            zunSeconds += z.Seconds;
            directFailed += d.Failed;
            zunFailed += z.Failed;
            var line = $"round {round}: direct {containers / d.Seconds:0.00}/s (p50 {Percentiles.Median(d.Latencies):0} ms), "
                + $"Zun {containers / z.Seconds:0.00}/s (p50 {Percentiles.Median(z.Latencies):0} ms: {Percentiles.Median(z.ToDispatched):0} to dispatch, "
                + $"{Percentiles.Median(z.DispatchedToCompleted):0} dispatch to completed), load {MachineLoad.LoadAverage1()}";
            summaries.Add(line);
            AnsiConsole.MarkupLine($"  {line}");
        }

        var resources = await sampler.StopAsync(containers * rounds - zunFailed);
        var (conductorTotals, workerTotals) = await CreateTotalsAsync(system);
        var directSorted = direct.Order().ToList();
        var zunSorted = zun.Order().ToList();
        var directRate = containers * rounds / directSeconds;
        var zunRate = containers * rounds / zunSeconds;
        return new DockerPathResult
        {
            Containers = containers,
            Concurrency = concurrency,
            Rounds = rounds,
            Image = BenchEnvironment.BusyboxImage,
            DirectPerSecond = Math.Round(directRate, 2),
            ZunPerSecond = Math.Round(zunRate, 2),
            ThroughputRatio = Math.Round(zunRate / directRate, 3),
            DirectP50Ms = Math.Round(Percentiles.Of(directSorted, 50), 1),
            DirectP95Ms = Math.Round(Percentiles.Of(directSorted, 95), 1),
            ZunP50Ms = Math.Round(Percentiles.Of(zunSorted, 50), 1),
            ZunP95Ms = Math.Round(Percentiles.Of(zunSorted, 95), 1),
            AddedP50Ms = Math.Round(Percentiles.Of(zunSorted, 50) - Percentiles.Of(directSorted, 50), 1),
            AddedP95Ms = Math.Round(Percentiles.Of(zunSorted, 95) - Percentiles.Of(directSorted, 95), 1),
            ZunToDispatchedP50Ms = Math.Round(Percentiles.Median(toDispatched), 1),
            ZunDispatchedToCompletedP50Ms = Math.Round(Percentiles.Median(dispatchedToCompleted), 1),
            DirectMeanMs = Math.Round(direct.Average(), 1),
            ZunMeanMs = Math.Round(zun.Average(), 1),
            ConductorCreateMeanMs = Math.Round((conductorTotals - before.Conductor).MeanMilliseconds, 1),
            WorkerCreateMeanMs = Math.Round((workerTotals - before.Worker).MeanMilliseconds, 1),
            ZunFailed = zunFailed,
            DirectFailed = directFailed,
            RoundSummaries = summaries,
            Resources = resources,
        };
    }

    /// <summary>
    /// The creates measured so far by the conductor (acceptance to completion) and by the worker (its create and start,
    /// engine calls included), as histogram totals: the difference of two readings covers the rounds between them.
    /// </summary>
    private static async Task<(HistogramTotals Conductor, HistogramTotals Worker)> CreateTotalsAsync(ZunSystem system)
    {
        var conductor = await PrometheusMetrics.ScrapeAsync(system.ConductorMetrics!);
        var worker = await PrometheusMetrics.ScrapeAsync(system.WorkerMetrics!);
        return (
            conductor.Histogram("zun_operation_duration_seconds", "zun_action=\"create\"", "zun_outcome=\"completed\""),
            worker.Histogram("zun_worker_action_duration_seconds", "zun_action=\"create\"", "zun_outcome=\"succeeded\""));
    }

    private async Task<Batch> RunDirectAsync(DockerClient docker, int count)
    {
        var latencies = new List<double>();
        var failed = 0;
        var total = Stopwatch.StartNew();
        await ForEachAsync(count, async () =>
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
                {
                    Image = BenchEnvironment.BusyboxImage,
                    Cmd = Command,
                    Name = $"zun-bench-direct-{Guid.NewGuid():N}",
                    Labels = new Dictionary<string, string> { [BenchLabel] = "true" },
                });
                await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
                lock (latencies)
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            catch (DockerApiException)
            {
                Interlocked.Increment(ref failed);
            }
        });
        return new Batch(latencies, total.Elapsed.TotalSeconds, failed, [], []);
    }

    private async Task<Batch> RunZunAsync(LoadClient client, int count)
    {
        var latencies = new List<double>();
        var toDispatched = new List<double>();
        var dispatchedToCompleted = new List<double>();
        var failed = 0;
        var total = Stopwatch.StartNew();
        await ForEachAsync(count, async () =>
        {
            var operation = client.Send(Stopwatch.GetTimestamp(), BenchEnvironment.BusyboxImage, Command, "bench-docker");
            await Task.WhenAny(operation.Ended, Task.Delay(TimeSpan.FromSeconds(120)));
            if (operation.Succeeded)
            {
                lock (latencies)
                {
                    latencies.Add(operation.Latency.TotalMilliseconds);
                    if (operation.DispatchedTimestamp != 0)
                    {
                        toDispatched.Add(Stopwatch.GetElapsedTime(operation.DueTimestamp, operation.DispatchedTimestamp).TotalMilliseconds);
                        dispatchedToCompleted.Add(Stopwatch.GetElapsedTime(operation.DispatchedTimestamp, operation.EndTimestamp).TotalMilliseconds);
                    }
                }
            }
            else
            {
                Interlocked.Increment(ref failed);
            }
        });
        return new Batch(latencies, total.Elapsed.TotalSeconds, failed, toDispatched, dispatchedToCompleted);
    }

    private async Task ForEachAsync(int count, Func<Task> action)
    {
        var remaining = count;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
                await action();
        })));
    }

    /// <summary>Removes every container this bench made (direct ones and Zun's, which carry the label through the spec).</summary>
    private static async Task RemoveBenchContainersAsync(DockerClient docker)
    {
        var ours = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{BenchLabel}=true"] = true } },
        });
        await Parallel.ForEachAsync(ours, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, ct) =>
        {
            try
            {
                await docker.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }, ct);
            }
            catch (DockerContainerNotFoundException)
            {
            }
        });
    }

    private sealed record Batch(List<double> Latencies, double Seconds, int Failed, List<double> ToDispatched, List<double> DispatchedToCompleted);
}
