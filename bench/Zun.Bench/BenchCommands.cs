using System.CommandLine;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Spectre.Console;
using Zun.Bench.Api;
using Zun.Bench.ControlPlane;
using Zun.Bench.DockerPath;
using Zun.Bench.Fleet;
using Zun.Bench.Infrastructure;
using Zun.Bench.Micro;
using Zun.Bench.Output;
using Zun.Testing;
using Zun.Bench.Store;

namespace Zun.Bench;

/// <summary>
/// The bench's command line. <c>all</c> runs the control plane, the saga stores and the Docker path, and writes
/// bench/results/latest.json, docs/performance.png and the figures in docs/performance.md.
/// </summary>
internal static class BenchCommands
{
    private static readonly Option<string> RabbitMq = new("--rabbitmq")
    {
        Description = "the broker (each system under test gets a fresh virtual host on it)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ZUN_TEST_RABBITMQ_URL") is { Length: > 0 } url ? url : "amqp://guest:guest@127.0.0.1:5672/",
        Recursive = true,
    };

    private static readonly Option<string?> Management = new("--management")
    {
        Description = "RabbitMQ's management API (default: port 15672 of the broker's host)",
        Recursive = true,
    };

    private static readonly Option<string?> ConductorDll = new("--conductor-dll")
    {
        Description = "run this zun-conductor.dll instead of the repository's build (before/after comparisons)",
        Recursive = true,
    };

    private static readonly Option<string?> WorkerDll = new("--worker-dll")
    {
        Description = "run this zun-worker.dll instead of the repository's build (before/after comparisons)",
        Recursive = true,
    };

    private static readonly Option<string> Rates = new("--rates")
    {
        Description = "offered loads of the open-loop sweep, operations/s, comma-separated",
        DefaultValueFactory = _ => "50,100,200,300,500,1000,2000",
    };

    private static readonly Option<double> Seconds = new("--seconds") { Description = "measured seconds per load level", DefaultValueFactory = _ => 15 };

    private static readonly Option<double> ClosedSeconds = new("--closed-seconds") { Description = "measured seconds of the closed-loop run", DefaultValueFactory = _ => 20 };

    private static readonly Option<int> ClosedConcurrency = new("--closed-concurrency") { Description = "operations in flight in the closed-loop run", DefaultValueFactory = _ => 256 };

    private static readonly Option<string> Stores = new("--stores") { Description = "saga stores for the control plane: Sqlite, MongoDb", DefaultValueFactory = _ => "Sqlite,MongoDb" };

    private static readonly Option<bool> KeepGoing = new("--no-stop-at-saturation") { Description = "run the higher load levels even after one saturated" };

    private static readonly Option<string[]> ConductorSetting = new("--conductor-setting")
    {
        Description = "extra conductor setting KEY=VALUE (repeatable), for experiments",
        DefaultValueFactory = _ => [],
    };

    private static readonly Option<int> StoreCount = new("--store-count") { Description = "saga instances per store measurement", DefaultValueFactory = _ => 5000 };

    private static readonly Option<int> Containers = new("--containers") { Description = "containers per round of the Docker path", DefaultValueFactory = _ => 40 };

    private static readonly Option<int> DockerConcurrency = new("--docker-concurrency") { Description = "containers created at once on the Docker path", DefaultValueFactory = _ => 8 };

    private static readonly Option<int> ApiCreates = new("--api-creates") { Description = "creates measured each way on the API path", DefaultValueFactory = _ => 200 };

    private static readonly Option<string> ListSizes = new("--list-sizes") { Description = "numbers of containers to list through the API", DefaultValueFactory = _ => "1000,10000" };

    private static readonly Option<int> ListRequests = new("--list-requests") { Description = "GET /v1/containers per list size", DefaultValueFactory = _ => 50 };

    private static readonly Option<int> TokenRequests = new("--token-requests") { Description = "requests each way with a warm token cache", DefaultValueFactory = _ => 2000 };

    private static readonly Option<int> ColdTokens = new("--cold-tokens") { Description = "fresh tokens, each validated once", DefaultValueFactory = _ => 50 };

    private static readonly Option<int> Rounds = new("--rounds") { Description = "rounds each way on the Docker path", DefaultValueFactory = _ => 2 };

    private static readonly Option<int> FleetHosts = new("--hosts") { Description = "worker hosts in the fleet (all in one process)", DefaultValueFactory = _ => 50 };

    private static readonly Option<int> FleetContainers = new("--containers") { Description = "containers the fleet is filled with", DefaultValueFactory = _ => 10_000 };

    private static readonly Option<int> FleetStage = new("--stage") { Description = "creates between two readings of the placement histogram (the first stage warms up)", DefaultValueFactory = _ => 1_000 };

    private static readonly Option<double> FleetRate = new("--rate") { Description = "creates offered per second while filling (open loop)", DefaultValueFactory = _ => 50 };

    private static readonly Option<double> IdleSeconds = new("--idle-seconds") { Description = "seconds of each idle window", DefaultValueFactory = _ => 40 };

    private static readonly Option<int> FleetListRequests = new("--list-requests") { Description = "ListContainers requests of each kind", DefaultValueFactory = _ => 20 };

    private static readonly Option<int> Restarts = new("--restarts") { Description = "times the conductor is killed and started again", DefaultValueFactory = _ => 3 };

    private static readonly Option<int> SingleHostContainers = new("--single-host-containers") { Description = "containers on one host for the comparison (0: none)", DefaultValueFactory = _ => 1_000 };

    private static readonly Option<string> SettingsFile = new("--settings-file") { Description = "zun-worker's appsettings.json", Required = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("Zun's benchmark harness. Needs RabbitMQ (with its management plugin), Docker and the local registry, as deploy/local/services.sh starts them.");
        root.Options.Add(RabbitMq);
        root.Options.Add(Management);
        root.Options.Add(ConductorDll);
        root.Options.Add(WorkerDll);

        var all = new Command("all", "control plane, saga stores and Docker path; writes bench/results/latest.json, docs/performance.png and docs/performance.md's figures");
        AddControlPlaneOptions(all);
        all.Options.Add(StoreCount);
        AddDockerOptions(all);
        all.SetAction((parse, _) => RunAsync(parse, "all", controlPlane: true, store: true, docker: true));

        var controlPlane = new Command("control-plane", "the control plane on the Null runtime: open-loop sweep and closed-loop maximum");
        AddControlPlaneOptions(controlPlane);
        controlPlane.SetAction((parse, _) => RunAsync(parse, "control-plane", controlPlane: true, store: false, docker: false));

        var store = new Command("store", "the saga stores alone: insert, load+update, query (and the scheduler's add and cancel)");
        store.Options.Add(StoreCount);
        store.SetAction((parse, _) => RunAsync(parse, "store", controlPlane: false, store: true, docker: false));

        var docker = new Command("docker", "the same containers through Zun and straight through Docker.DotNet");
        AddDockerOptions(docker);
        docker.SetAction((parse, _) => RunAsync(parse, "docker", controlPlane: false, store: false, docker: true));

        var api = new Command("api", "zun-api against the bus path: create to Running, and listing 1,000 and 10,000 containers");
        foreach (var option in new Option[] { ApiCreates, ListSizes, ListRequests })
            api.Options.Add(option);
        api.SetAction((parse, _) => RunApiAsync(parse));

        var keystone = new Command("keystone", "zun-api with Keystone tokens against noauth: a warm token cache, and a new token's first request");
        foreach (var option in new Option[] { TokenRequests, ColdTokens })
            keystone.Options.Add(option);
        keystone.SetAction((parse, _) => RunKeystoneAsync(parse));

        var micro = new Command("micro", "BenchmarkDotNet micro-benchmarks (saga document serialisation)");
        micro.SetAction(_ =>
        {
            var environment = BenchEnvironment.Discover("amqp://127.0.0.1/", null);
            var config = DefaultConfig.Instance
                .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
                .WithArtifactsPath(Path.Combine(environment.RepositoryRoot, "bench", "results", "micro"));
            BenchmarkRunner.Run<SagaDocumentBenchmarks>(config);
            return 0;
        });

        var fleet = new Command("fleet", "50 hosts (real workers, Null runtime, one process) and 10,000 containers: placement, heartbeats, a conductor's restart, ListContainers");
        foreach (var option in new Option[] { FleetHosts, FleetContainers, FleetStage, FleetRate, IdleSeconds, FleetListRequests, Restarts, SingleHostContainers })
            fleet.Options.Add(option);
        fleet.SetAction((parse, _) => RunFleetAsync(parse));

        var fleetWorkers = new Command("fleet-workers", "hosts --hosts real workers in this process, configured as zun-worker is (the fleet bench starts it)") { Hidden = true };
        fleetWorkers.Options.Add(FleetHosts);
        fleetWorkers.Options.Add(SettingsFile);
        fleetWorkers.SetAction((parse, cancellationToken) => FleetWorkers.RunAsync(parse.GetValue(FleetHosts), parse.GetValue(SettingsFile)!, cancellationToken));

        var report = new Command("report", "writes docs/performance.png and docs/performance.md's figures again from bench/results/latest.json");
        report.SetAction(_ =>
        {
            var environment = BenchEnvironment.Discover("amqp://127.0.0.1/", null);
            WriteReport(environment, ReportFiles.ReadJson(Path.Combine(environment.RepositoryRoot, "bench", "results", "latest.json")));
            return 0;
        });

        var fleetReport = new Command("fleet-report", "writes docs/performance-fleet.png and the fleet section of docs/performance.md again from bench/results/fleet.json");
        fleetReport.SetAction(_ =>
        {
            var environment = BenchEnvironment.Discover("amqp://127.0.0.1/", null);
            WriteFleetReport(environment, ReportFiles.ReadJson(Path.Combine(environment.RepositoryRoot, "bench", "results", "fleet.json")));
            return 0;
        });

        foreach (var command in new[] { all, controlPlane, store, docker, api, keystone, fleet, fleetWorkers, fleetReport, micro, report })
            root.Subcommands.Add(command);
        return root;
    }

    private static async Task<int> RunApiAsync(ParseResult parse)
    {
        var (environment, management, report) = await PrepareAsync(parse);
        using (management)
        {
            var sizes = parse.GetValue(ListSizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            report = report with { Api = await new ApiBenchmark(environment, management, parse.GetValue(ApiCreates), sizes, parse.GetValue(ListRequests)).RunAsync() };
        }

        WriteHistory(environment, report, "api");
        return 0;
    }

    private static async Task<int> RunKeystoneAsync(ParseResult parse)
    {
        var (environment, management, report) = await PrepareAsync(parse);
        using (management)
            report = report with { Keystone = await new KeystoneBenchmark(environment, management, parse.GetValue(TokenRequests), parse.GetValue(ColdTokens)).RunAsync() };

        WriteHistory(environment, report, "keystone");
        return 0;
    }

    /// <summary>
    /// The fleet: bench/results/fleet.json (and a copy in history), docs/performance-fleet.png and the fleet section of
    /// docs/performance.md.
    /// </summary>
    private static async Task<int> RunFleetAsync(ParseResult parse)
    {
        var (environment, management, report) = await PrepareAsync(parse);
        using (management)
        {
            var options = new FleetOptions
            {
                Hosts = parse.GetValue(FleetHosts),
                Containers = parse.GetValue(FleetContainers),
                Stage = parse.GetValue(FleetStage),
                Rate = parse.GetValue(FleetRate),
                Idle = TimeSpan.FromSeconds(parse.GetValue(IdleSeconds)),
                ListRequests = parse.GetValue(FleetListRequests),
                Restarts = parse.GetValue(Restarts),
                SingleHostContainers = parse.GetValue(SingleHostContainers),
            };
            report = report with { Fleet = await new FleetBenchmark(environment, management, options).RunAsync() };
        }

        WriteHistory(environment, report, "fleet");
        ReportFiles.WriteJson(report, Path.Combine(environment.RepositoryRoot, "bench", "results", "fleet.json"));
        AnsiConsole.WriteLine(WriteFleetReport(environment, report));
        AnsiConsole.MarkupLine("wrote bench/results/fleet.json, docs/performance-fleet.png and the fleet section of docs/performance.md");
        return 0;
    }

    /// <summary>docs/performance-fleet.png and the fleet section of docs/performance.md; returns the section.</summary>
    private static string WriteFleetReport(BenchEnvironment environment, BenchReport report)
    {
        FleetPlot.Write(report, Path.Combine(environment.RepositoryRoot, "docs", "performance-fleet.png"));
        var figures = FleetReport.Figures(report, "performance-fleet.png");
        ReportFiles.UpdateSection(Path.Combine(environment.RepositoryRoot, "docs", "performance.md"), FleetReport.BeginMarker, FleetReport.EndMarker, figures);
        return figures;
    }

    /// <summary>The environment, the broker's management client and the report a single-part run fills in.</summary>
    private static async Task<(BenchEnvironment Environment, RabbitMqManagement Management, BenchReport Report)> PrepareAsync(ParseResult parse)
    {
        var environment = BenchEnvironment.Discover(parse.GetValue(RabbitMq)!, parse.GetValue(Management));
        var management = new RabbitMqManagement(new Uri(environment.RabbitUrl), environment.ManagementUrl);
        var report = new BenchReport
        {
            Machine = await MachineInfo.DescribeAsync(management),
            StartedAt = DateTimeOffset.UtcNow,
            Command = $"dotnet run -c {environment.Configuration} --project bench/Zun.Bench -- {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}".TrimEnd(),
        };
        return (environment, management, report);
    }

    private static void WriteHistory(BenchEnvironment environment, BenchReport report, string part)
    {
        var stamp = report.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        ReportFiles.WriteJson(report, Path.Combine(environment.RepositoryRoot, "bench", "results", "history", $"{stamp}-{part}.json"));
        AnsiConsole.MarkupLine(Markup.Escape($"load average at start {report.Machine.LoadAverageAtStart}; wrote bench/results/history/{stamp}-{part}.json"));
    }

    private static void WriteReport(BenchEnvironment environment, BenchReport report)
    {
        PlotWriter.Write(report, Path.Combine(environment.RepositoryRoot, "docs", "performance.png"));
        ReportFiles.UpdateMarkdown(report, Path.Combine(environment.RepositoryRoot, "docs", "performance.md"), "performance.png");
    }

    private static void AddControlPlaneOptions(Command command)
    {
        foreach (var option in new Option[] { Rates, Seconds, ClosedSeconds, ClosedConcurrency, Stores, KeepGoing, ConductorSetting })
            command.Options.Add(option);
    }

    private static void AddDockerOptions(Command command)
    {
        foreach (var option in new Option[] { Containers, DockerConcurrency, Rounds })
            command.Options.Add(option);
    }

    private static async Task<int> RunAsync(ParseResult parse, string name, bool controlPlane, bool store, bool docker)
    {
        var environment = BenchEnvironment.Discover(parse.GetValue(RabbitMq)!, parse.GetValue(Management)) with
        {
            ConductorOverride = parse.GetValue(ConductorDll) is { Length: > 0 } conductor ? Path.GetFullPath(conductor) : null,
            WorkerOverride = parse.GetValue(WorkerDll) is { Length: > 0 } worker ? Path.GetFullPath(worker) : null,
        };
        using var management = new RabbitMqManagement(new Uri(environment.RabbitUrl), environment.ManagementUrl);
        var report = new BenchReport
        {
            Machine = await MachineInfo.DescribeAsync(management),
            StartedAt = DateTimeOffset.UtcNow,
            Command = $"dotnet run -c {environment.Configuration} --project bench/Zun.Bench -- {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}".TrimEnd(),
        };
        AnsiConsole.MarkupLine(Markup.Escape($"work directory (logs, SQLite files): {environment.WorkDirectory}; load average {report.Machine.LoadAverageAtStart}"));

        if (controlPlane)
        {
            var settings = parse.GetValue(ConductorSetting)!.Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
            var options = new ControlPlaneOptions
            {
                Rates = [.. parse.GetValue(Rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => double.Parse(r, CultureInfo.InvariantCulture))],
                Measured = TimeSpan.FromSeconds(parse.GetValue(Seconds)),
                ClosedLoopConcurrency = parse.GetValue(ClosedConcurrency),
                ClosedLoopMeasured = TimeSpan.FromSeconds(parse.GetValue(ClosedSeconds)),
                Stores = [.. parse.GetValue(Stores)!.Split(',', StringSplitOptions.RemoveEmptyEntries)],
                StopAtSaturation = !parse.GetValue(KeepGoing),
                ConductorSettings = settings,
            };
            report.ControlPlane.AddRange(await new ControlPlaneBenchmark(environment, management, options).RunAsync());
            if (settings.Count > 0)
                report.Notes.Add($"conductor settings changed for this run: {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}");
        }

        if (environment.ConductorOverride is not null || environment.WorkerOverride is not null)
            report.Notes.Add($"processes run from other builds: conductor {environment.ConductorOverride ?? "this repository's"}, worker {environment.WorkerOverride ?? "this repository's"}");

        if (store)
        {
            AnsiConsole.MarkupLine("[bold]saga store alone[/]");
            report.SagaStore.AddRange(await new StoreBenchmark(environment, parse.GetValue(StoreCount), [1, 32]).RunAsync());
        }

        DockerPathResult? dockerResult = null;
        if (docker)
            dockerResult = await new DockerPathBenchmark(environment, management, parse.GetValue(Containers), parse.GetValue(DockerConcurrency), parse.GetValue(Rounds)).RunAsync();
        report = report with { DockerPath = dockerResult };

        ConsoleReport.Write(report);
        var results = Path.Combine(environment.RepositoryRoot, "bench", "results");
        var stamp = report.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        ReportFiles.WriteJson(report, Path.Combine(results, "history", $"{stamp}-{name}.json"));
        if (name == "all")
        {
            ReportFiles.WriteJson(report, Path.Combine(results, "latest.json"));
            WriteReport(environment, report);
            AnsiConsole.MarkupLine("wrote bench/results/latest.json, docs/performance.png and the figures in docs/performance.md");
        }
        else
        {
            if (report.ControlPlane.Count > 0)
                PlotWriter.Write(report, Path.Combine(results, "history", $"{stamp}-{name}.png"));
            AnsiConsole.MarkupLine(Markup.Escape($"wrote bench/results/history/{stamp}-{name}.json"));
        }

        return 0;
    }
}
