using System.Diagnostics;
using Spectre.Console;
using Zun.Bench.ControlPlane;
using Zun.Bench.Infrastructure;
using Zun.Bench.Output;
using Zun.Contracts;
using Zun.Testing;

namespace Zun.Bench.Fleet;

/// <summary>
/// Issue 14's scale figures. One conductor (SQLite, metrics served) and a fleet of real workers on the Null runtime in
/// one process: the conductor's idle CPU with every host heartbeating, the fleet filled with creates in stages (the
/// conductor's placement histogram read between them), <c>ListContainers</c> over the whole fleet, the conductor killed
/// and started again on its store, then the idle CPU with the fleet full, with every host heartbeating and with nobody
/// heartbeating, which the heartbeats' share is told apart from. Then, for comparison, the same placement on one host.
/// </summary>
internal sealed class FleetBenchmark(BenchEnvironment environment, RabbitMqManagement management, FleetOptions options)
{
    private const string PlacementHistogram = "zun_conductor_placement_duration_seconds";
    private const string ConsumeHistogram = "messaging_masstransit_consume_duration_milliseconds";
    private const string ListConsumer = "messaging_masstransit_consumer_type=\"ListContainersConsumer\"";
    private const string Project = "bench-open";
    private static readonly string[] Command = ["sleep", "300"];
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(12);

    // The watcher looks every 5 s whatever this is; a longer wait only keeps the last window (nobody heartbeating) from
    // announcing every host down and marking its containers Unknown before the window ends.
    private static readonly Dictionary<string, string> ConductorSettings = new() { ["Zun:Conductor:HostDownSeconds"] = "600" };

    private static readonly ListContainers WholeProject = new() { ProjectId = Project };

    private static readonly ListContainers FirstPage = new() { ProjectId = Project, Limit = 1000, SortKey = ContainerSortKey.CreatedAt };

    public async Task<FleetResult> RunAsync()
    {
        AnsiConsole.MarkupLine($"[bold]fleet[/]: one conductor (SQLite), {options.Hosts} workers (Null runtime) in one process, {options.Containers} containers at {options.Rate}/s");
        FleetResult result;
        await using (var system = await ZunSystem.StartAsync(environment, management, "fleet", "Sqlite", "Null", ConductorSettings, serveMetrics: true, hosts: options.Hosts))
        await using (var client = await LoadClient.ConnectAsync(system.RabbitUrl))
        {
            var firstStart = (Ms: Math.Round(system.ConductorStartup.TotalMilliseconds, 0), CpuMs: Math.Round(system.ConductorStartupCpu.TotalMilliseconds, 0));
            await WaitForHostsAsync(client, options.Hosts);

            // Let the hosts' first heartbeats and the JIT of that path settle before the first window.
            await Task.Delay(Settle);
            var idle = new List<IdleWindow> { await IdleAsync($"{options.Hosts} hosts heartbeating, no containers", system.Conductor, system.Worker, client, 0) };

            var stages = await FillAsync(system, client, options.Hosts, options.Containers, options.Stage);
            var hosts = (await client.Ask<ListHosts, HostList>(new ListHosts(), QueryTimeout)).Hosts;
            var conductorRss = ProcessSample.Of(system.Conductor)?.RssMiB ?? double.NaN;
            var workersRss = ProcessSample.Of(system.Worker)?.RssMiB ?? double.NaN;
            AnsiConsole.MarkupLine($"  claims per host {hosts.Min(h => h.CpuUsed)}-{hosts.Max(h => h.CpuUsed)}; RSS conductor {conductorRss:0} MiB, {options.Hosts} workers {workersRss:0} MiB");

            await Task.Delay(Settle);
            var (all, allCount, page) = await ListAsync(system, client);
            var restarts = new List<ConductorRestart>();
            for (var i = 0; i < options.Restarts; i++)
                restarts.Add(await RestartAsync(system, client, options.Containers + i));

            // Both windows of the fleet full on the same conductor process, after what the last creates and restarts left
            // running (tiered JIT among it) has ended.
            var stored = options.Containers + options.Restarts;
            await Task.Delay(Settle);
            var heard = await IdleAsync($"{options.Hosts} hosts heartbeating, {stored} containers", system.Conductor, system.Worker, client, stored);
            idle.Add(heard);
            await system.StopWorkerAsync();
            await Task.Delay(Settle);
            var silent = await IdleAsync($"nobody heartbeating, {stored} containers", system.Conductor, workers: null, client, stored);
            idle.Add(silent);

            var heartbeats = heard.ConductorCpuPercent - silent.ConductorCpuPercent;
            result = new FleetResult
            {
                Hosts = options.Hosts,
                Containers = options.Containers,
                OfferedPerSecond = options.Rate,
                WorkerProcesses = $"1 process hosting {options.Hosts} workers (zun-bench fleet-workers: AddZunWorker once per host, each with its own bus connection)",
                Placement = stages,
                FleetPlacement = Summary(stages),
                ClaimsPerHostMin = (int)hosts.Min(h => h.CpuUsed),
                ClaimsPerHostMax = (int)hosts.Max(h => h.CpuUsed),
                Idle = idle,
                HeartbeatCpuPercentOfCore = Math.Round(heartbeats, 2),
                HeartbeatCpuMsPerHostPerMinute = Math.Round(heartbeats * 600 / options.Hosts, 2),
                HeartbeatCpuMsEach = Math.Round(heartbeats / 100 * options.Idle.TotalMilliseconds / Math.Max(1, heard.HeartbeatsHeard), 3),
                EmptyStoreStartMs = firstStart.Ms,
                EmptyStoreStartCpuMs = firstStart.CpuMs,
                Restarts = restarts,
                ListAll = all.Latency,
                ListAllConductorMeanMs = all.ConductorMeanMs,
                ListAllCount = allCount,
                ListPage = page.Latency,
                ListPageConductorMeanMs = page.ConductorMeanMs,
                ConductorRssMiB = Math.Round(conductorRss, 1),
                WorkersRssMiB = Math.Round(workersRss, 1),
            };
        }

        if (options.SingleHostContainers > 0)
        {
            AnsiConsole.MarkupLine($"[bold]fleet of one[/]: the same conductor settings, one zun-worker, {options.SingleHostContainers} containers at {options.Rate}/s");
            await using var one = await ZunSystem.StartAsync(environment, management, "fleet-one", "Sqlite", "Null", ConductorSettings, serveMetrics: true);
            await using var client = await LoadClient.ConnectAsync(one.RabbitUrl);
            await WaitForHostsAsync(client, 1);
            var single = await FillAsync(one, client, 1, options.SingleHostContainers, Math.Max(100, options.SingleHostContainers / 5));
            result = result with { Placement = [.. result.Placement, .. single], SingleHostPlacement = Summary(single) };
        }

        return result;
    }

    /// <summary>Creates <paramref name="containers"/> in stages of <paramref name="stage"/>, reading the placement histogram between stages.</summary>
    private async Task<List<PlacementStage>> FillAsync(ZunSystem system, LoadClient client, int hosts, int containers, int stage)
    {
        var runner = new LoadRunner(client, BenchEnvironment.BusyboxImage, Command, TimeSpan.FromSeconds(60));
        var stages = new List<PlacementStage>();
        var created = 0;
        while (created < containers)
        {
            var count = Math.Min(stage, containers - created);
            var before = await ScrapeAsync(system);
            var (load, _) = await runner.OpenLoopAsync(options.Rate, TimeSpan.Zero, TimeSpan.FromSeconds(count / options.Rate), new ResourceSampler(system.Conductor, system.Worker));
            var after = await ScrapeAsync(system);
            var placement = Placement(before, after, hosts, created, created + load.Sent, warmUp: stages.Count == 0) with
            {
                CreateP50Ms = load.P50Ms,
                CreateP99Ms = load.P99Ms,
                Failed = load.Failed + load.Unfinished,
                ConductorCpuMsPerCreate = load.Resources.ConductorCpuMsPerOperation,
                LoadAverage1 = load.Resources.LoadAverage1,
            };
            stages.Add(placement);
            created += load.Sent;
            AnsiConsole.MarkupLine(Markup.Escape(
                $"  {hosts} host(s), containers {placement.ContainersBefore}-{placement.ContainersAfter}{(placement.WarmUp ? " (warm-up)" : "")}: placement p50 {placement.P50Ms:0.000} p99 {placement.P99Ms:0.000} mean {placement.MeanMs:0.000} ms"
                + $" ({placement.Placed} placed, {placement.NotPlaced} not); create p50 {load.P50Ms:0.0} p99 {load.P99Ms:0.0} ms, {load.ThroughputPerSecond}/s, failed {placement.Failed};"
                + $" conductor {load.Resources.ConductorCpuMsPerOperation} ms CPU per create; load {load.Resources.LoadAverage1}"));
        }

        return stages;
    }

    private static PlacementStage Placement(PrometheusMetrics before, PrometheusMetrics after, int hosts, int containersBefore, int containersAfter, bool warmUp)
    {
        const string placed = "zun_outcome=\"placed\"";
        var buckets = after.Buckets(PlacementHistogram, placed) - before.Buckets(PlacementHistogram, placed);
        var totals = after.Histogram(PlacementHistogram, placed) - before.Histogram(PlacementHistogram, placed);
        long NotPlaced(string outcome) =>
            (after.Histogram(PlacementHistogram, $"zun_outcome=\"{outcome}\"") - before.Histogram(PlacementHistogram, $"zun_outcome=\"{outcome}\"")).Count;
        return new PlacementStage
        {
            Hosts = hosts,
            ContainersBefore = containersBefore,
            ContainersAfter = containersAfter,
            WarmUp = warmUp,
            Placed = buckets.Count,
            NotPlaced = NotPlaced("waiting") + NotPlaced("refused"),
            MeanMs = Math.Round(totals.MeanMilliseconds, 3),
            P50Ms = Math.Round(buckets.Quantile(0.50) * 1000, 3),
            P99Ms = Math.Round(buckets.Quantile(0.99) * 1000, 3),
            P99BucketMs = Math.Round(buckets.UpperBoundOf(0.99) * 1000, 3),
            Buckets = buckets,
        };
    }

    /// <summary>The stages after the warm-up taken together: their buckets added up.</summary>
    private static PlacementStage? Summary(List<PlacementStage> stages)
    {
        var measured = stages.Where(s => !s.WarmUp).ToList();
        if (measured.Count == 0)
            return null;

        var buckets = measured.Skip(1).Aggregate(measured[0].Buckets!, (sum, s) => sum + s.Buckets!);
        var placed = measured.Sum(s => s.Placed);
        return new PlacementStage
        {
            Hosts = measured[0].Hosts,
            ContainersBefore = measured[0].ContainersBefore,
            ContainersAfter = measured[^1].ContainersAfter,
            Placed = placed,
            NotPlaced = measured.Sum(s => s.NotPlaced),
            MeanMs = Math.Round(measured.Sum(s => s.MeanMs * s.Placed) / Math.Max(1, placed), 3),
            P50Ms = Math.Round(buckets.Quantile(0.50) * 1000, 3),
            P99Ms = Math.Round(buckets.Quantile(0.99) * 1000, 3),
            P99BucketMs = Math.Round(buckets.UpperBoundOf(0.99) * 1000, 3),
            CreateP50Ms = Percentiles.Median(measured.Select(s => s.CreateP50Ms)),
            CreateP99Ms = measured.Max(s => s.CreateP99Ms),
            Failed = measured.Sum(s => s.Failed),
            ConductorCpuMsPerCreate = Math.Round(Percentiles.Median(measured.Select(s => s.ConductorCpuMsPerCreate)), 3),
            LoadAverage1 = measured.Max(s => s.LoadAverage1),
        };
    }

    /// <summary>Nothing asked of Zun for the idle time: the conductor's CPU, and the hosts' heartbeats it heard meanwhile.</summary>
    private async Task<IdleWindow> IdleAsync(string label, ZunProcess conductor, ZunProcess? workers, LoadClient client, int containers)
    {
        var before = (await client.Ask<ListHosts, HostList>(new ListHosts { IncludeDown = true }, QueryTimeout)).Hosts;
        var sampler = new ResourceSampler(conductor, workers);
        await Task.Delay(options.Idle);
        var use = await sampler.StopAsync();
        var after = (await client.Ask<ListHosts, HostList>(new ListHosts { IncludeDown = true }, QueryTimeout)).Hosts;
        var window = new IdleWindow
        {
            Label = label,
            Seconds = options.Idle.TotalSeconds,
            HostsUp = after.Count(h => h.Up),
            Containers = containers,
            HeartbeatsHeard = after.Sum(h => h.Heartbeats) - before.Sum(h => h.Heartbeats),
            ConductorCpuPercent = use.ConductorCpuPercent,
            ConductorCpuMsPerMinute = Math.Round(use.ConductorCpuPercent * 600, 1),
            WorkersCpuPercent = use.WorkerCpuPercent,
            BrokerCpuPercent = use.BrokerCpuPercent,
            MachineBusyPercent = use.MachineBusyPercent,
            LoadAverage1 = use.LoadAverage1,
        };
        AnsiConsole.MarkupLine(Markup.Escape(
            $"  idle {window.Seconds:0} s, {label}: conductor {window.ConductorCpuPercent:0.00} % of a core ({window.ConductorCpuMsPerMinute:0} ms/min), {window.HeartbeatsHeard} heartbeats heard;"
            + $" workers {window.WorkersCpuPercent} %, broker {window.BrokerCpuPercent} %, machine {window.MachineBusyPercent} % busy, load {window.LoadAverage1}"));
        return window;
    }

    /// <summary>
    /// The whole project, then the API's first page, one request at a time after a few of each not counted; the conductor's
    /// own time for them (MassTransit's consume duration, the response sent included) is read around each kind.
    /// </summary>
    private async Task<((Latency Latency, double ConductorMeanMs) All, int Count, (Latency Latency, double ConductorMeanMs) Page)> ListAsync(ZunSystem system, LoadClient client)
    {
        for (var i = 0; i < 3; i++)
        {
            await client.Ask<ListContainers, ContainerList>(WholeProject, QueryTimeout);
            await client.Ask<ListContainers, ContainerList>(FirstPage, QueryTimeout);
        }

        var count = 0;
        async Task<(Latency, double)> Measure(ListContainers request)
        {
            var before = await ScrapeAsync(system);
            var samples = new List<double>(options.ListRequests);
            for (var i = 0; i < options.ListRequests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var listed = (await client.Ask<ListContainers, ContainerList>(request, QueryTimeout)).Containers.Length;
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                count = Math.Max(count, listed);
            }

            var consumed = (await ScrapeAsync(system)).Histogram(ConsumeHistogram, ListConsumer) - before.Histogram(ConsumeHistogram, ListConsumer);
            return (Latency.Of(samples), Math.Round(consumed.Count == 0 ? double.NaN : consumed.Sum / consumed.Count, 1));
        }

        var all = await Measure(WholeProject);
        var page = await Measure(FirstPage);
        AnsiConsole.MarkupLine(Markup.Escape(
            $"  ListContainers, whole project ({count}): p50 {all.Item1.P50Ms:0.0} p99 {all.Item1.P99Ms:0.0} ms (conductor {all.Item2} ms each);"
            + $" page of 1,000: p50 {page.Item1.P50Ms:0.0} p99 {page.Item1.P99Ms:0.0} ms (conductor {page.Item2} ms each)"));
        return (all, count, page);
    }

    /// <summary>The conductor's metrics, read after a pause: the exporter answers from a cache refreshed a few times a second.</summary>
    private static async Task<PrometheusMetrics> ScrapeAsync(ZunSystem system)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return await PrometheusMetrics.ScrapeAsync(system.ConductorMetrics!);
    }

    /// <summary>
    /// Kills the conductor and starts another on the same store, timed from the new process's start. A list and a create
    /// are sent at that moment: they wait in the conductor's durable queues, so each is answered as soon as a conductor can.
    /// </summary>
    private static async Task<ConductorRestart> RestartAsync(ZunSystem system, LoadClient client, int containers)
    {
        await system.KillConductorAsync();
        var started = Stopwatch.GetTimestamp();
        async Task<double> AnsweredAfter(Task task)
        {
            await task;
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var list = AnsweredAfter(client.Ask<ListContainers, ContainerList>(FirstPage, QueryTimeout));
        var create = client.Send(started, BenchEnvironment.BusyboxImage, Command, Project);
        await system.StartConductorAsync();
        var ready = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var cpu = Math.Round(system.ConductorStartupCpu.TotalMilliseconds, 0);
        var listed = await list;
        await Task.WhenAny(create.Ended, Task.Delay(QueryTimeout));
        var restart = new ConductorRestart
        {
            ContainersInStore = containers,
            ReadyMs = Math.Round(ready, 0),
            CpuAtReadyMs = cpu,
            FirstListMs = Math.Round(listed, 0),
            FirstCreateMs = create.Outcome is null ? double.NaN : Math.Round(create.Latency.TotalMilliseconds, 0),
            FirstCreateOutcome = create.Outcome ?? "unfinished",
        };
        AnsiConsole.MarkupLine(Markup.Escape(
            $"  conductor killed and started with {containers} containers: ready {restart.ReadyMs:0} ms ({cpu:0} ms of CPU), first list answered {restart.FirstListMs:0} ms, first create {restart.FirstCreateOutcome} {restart.FirstCreateMs:0} ms"));

        // Whatever the restart left to do (heartbeats queued while it was down, its first look for silent hosts) ends first.
        await Task.Delay(TimeSpan.FromSeconds(3));
        return restart;
    }

    private static async Task WaitForHostsAsync(LoadClient client, int hosts)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var up = (await client.Ask<ListHosts, HostList>(new ListHosts(), QueryTimeout)).Hosts.Count(h => h.Up);
            if (up >= hosts)
                return;
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"{up} of {hosts} hosts heard by the conductor after 60 s");
            await Task.Delay(500);
        }
    }
}
