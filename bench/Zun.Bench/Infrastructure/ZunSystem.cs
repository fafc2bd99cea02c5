using Zun.Testing;

namespace Zun.Bench.Infrastructure;

/// <summary>
/// One Zun under test: a conductor process and a worker process on a RabbitMQ virtual host of their own, with
/// the production queue settings (durable quorum queues, publisher confirms: the defaults). The worker process is
/// zun-worker for one host, or for a fleet the bench's <c>fleet-workers</c> command hosting that many real workers.
/// </summary>
internal sealed class ZunSystem : IAsyncDisposable
{
    // The processes run as deployed, whatever environment the shell that runs the bench has set.
    private static readonly IReadOnlyDictionary<string, string> Production = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" };

    private readonly RabbitMqManagement _management;
    private readonly BenchEnvironment _environment;
    private readonly string _name;
    private readonly IReadOnlyDictionary<string, string> _conductorSettings;
    private int _conductorStarts = 1;
    private bool _workerStopped;

    private ZunSystem(
        BenchEnvironment environment, RabbitMqManagement management, string name, IReadOnlyDictionary<string, string> conductorSettings,
        string virtualHost, string rabbitUrl, string workerHost, ZunProcess conductor, ZunProcess worker)
    {
        _environment = environment;
        _management = management;
        _name = name;
        _conductorSettings = conductorSettings;
        VirtualHost = virtualHost;
        RabbitUrl = rabbitUrl;
        WorkerHost = workerHost;
        Conductor = conductor;
        Worker = worker;
    }

    public string VirtualHost { get; }

    public string RabbitUrl { get; }

    /// <summary>The worker's host name; in a fleet, the prefix of its hosts' names (<c>&lt;prefix&gt;-01</c> and on).</summary>
    public string WorkerHost { get; }

    /// <summary>The conductor process running now (another one after <see cref="StartConductorAsync"/>).</summary>
    public ZunProcess Conductor { get; private set; }

    /// <summary>How long the running conductor took from its process's start to ready.</summary>
    public TimeSpan ConductorStartup { get; private set; }

    /// <summary>The CPU time the running conductor had used when it was ready.</summary>
    public TimeSpan ConductorStartupCpu { get; private set; }

    public ZunProcess Worker { get; }

    /// <summary>The conductor's Prometheus endpoint, when the system was started to serve metrics.</summary>
    public Uri? ConductorMetrics { get; private init; }

    /// <summary>The worker's Prometheus endpoint, when the system was started to serve metrics.</summary>
    public Uri? WorkerMetrics { get; private init; }

    /// <param name="store"><c>Sqlite</c> or <c>MongoDb</c>.</param>
    /// <param name="runtime"><c>Null</c> or <c>Docker</c>.</param>
    /// <param name="serveMetrics">
    /// Both processes serve their metrics on a local port (off in production's defaults); in a fleet only the conductor
    /// does, as its workers share one process.
    /// </param>
    /// <param name="hosts">Worker hosts: 1 runs zun-worker; more run that many workers in one process (<c>fleet-workers</c>).</param>
    public static async Task<ZunSystem> StartAsync(
        BenchEnvironment environment, RabbitMqManagement management, string name, string store, string runtime,
        IReadOnlyDictionary<string, string>? conductorSettings = null, bool serveMetrics = false, int hosts = 1)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var virtualHost = $"zun-bench-{name}-{id}";
        var broker = await management.CreateVirtualHostAsync(virtualHost);
        var rabbitUrl = broker.ClientUrl;
        var workerHost = $"bench-{name}-{id}";

        // Each process as its own broker user, as deployed: the conductor a service, the worker a host.
        var conductor = new Dictionary<string, string>(broker.PublisherSettings())
        {
            ["Zun:RabbitMq:Url"] = broker.ServiceUrl,
            ["Zun:Store:Provider"] = store,
            ["Zun:Store:Sqlite:Path"] = Path.Combine(environment.WorkDirectory, $"{name}-{id}.db"),

            // One worker holds every container of a run (10,000 in the list runs): claims are taken and released as in
            // production, but the host is never the limit.
            ["Zun:Scheduler:CpuAllocationRatio"] = "100000",
            ["Zun:Scheduler:RamAllocationRatio"] = "100000",

            // A bench creates thousands of containers in one project; quotas (upstream's default is 40) are not what it
            // measures. Keys the conductor does not know are ignored.
            ["Zun:Quota:Containers"] = "-1",
            ["Zun:Quota:Cpu"] = "-1",
            ["Zun:Quota:MemoryMb"] = "-1",
            ["Zun:Quota:DiskGb"] = "-1",
        };
        if (store == "MongoDb")
        {
            conductor["Zun:Store:MongoDb:ConnectionString"] = environment.MongoUrl!;
            conductor["Zun:Store:MongoDb:Database"] = $"zun_bench_{id}";
        }

        foreach (var (key, value) in conductorSettings ?? new Dictionary<string, string>())
            conductor[key] = value;

        var worker = new Dictionary<string, string>(broker.PublisherSettings())
        {
            ["Zun:RabbitMq:Url"] = broker.HostUrl,
            ["Zun:Worker:Host"] = workerHost,
            ["Zun:Worker:Runtime"] = runtime,

            // The periodic inventory lists every container on the host; a benchmark makes tens of thousands
            // on one pretend host, far beyond any real one, so the inventory would measure itself, not the path.
            ["Zun:Worker:SyncIntervalSeconds"] = "3600",
        };

        Uri? conductorMetrics = null, workerMetrics = null;
        if (serveMetrics)
        {
            conductorMetrics = ServeMetrics(conductor);
            if (hosts == 1)
                workerMetrics = ServeMetrics(worker);
        }

        ZunProcess? conductorProcess = null;
        try
        {
            var starting = System.Diagnostics.Stopwatch.StartNew();
            conductorProcess = await ZunProcess.StartAsync($"{name}-conductor", environment.ConductorDll, conductor, environment.WorkDirectory, Production);
            var startup = starting.Elapsed;
            var startupCpu = ProcessSample.Of(conductorProcess)?.CpuTime ?? TimeSpan.Zero;
            var workerProcess = hosts == 1
                ? await ZunProcess.StartAsync($"{name}-worker", environment.WorkerDll, worker, environment.WorkDirectory, Production)
                : await ZunProcess.StartAsync($"{name}-workers", environment.BenchDll, worker, environment.WorkDirectory, Production,
                    ["fleet-workers", "--hosts", hosts.ToString(System.Globalization.CultureInfo.InvariantCulture), "--settings-file", environment.WorkerSettingsFile]);
            return new ZunSystem(environment, management, name, conductor, virtualHost, rabbitUrl, workerHost, conductorProcess, workerProcess)
            {
                ConductorMetrics = conductorMetrics,
                WorkerMetrics = workerMetrics,
                ConductorStartup = startup,
                ConductorStartupCpu = startupCpu,
            };
        }
        catch
        {
            if (conductorProcess is not null)
                await StopAsync(conductorProcess);
            await management.DeleteVirtualHostAsync(virtualHost);
            throw;
        }
    }

    /// <summary>kill -9 of the conductor: it finishes nothing it was doing, as when its machine fails.</summary>
    public async Task KillConductorAsync()
    {
        await Conductor.KillAsync();
        await Conductor.DisposeAsync();
    }

    /// <summary>Starts a conductor again on the same store and settings, after <see cref="KillConductorAsync"/>; returns once it is ready.</summary>
    public async Task StartConductorAsync()
    {
        var starting = System.Diagnostics.Stopwatch.StartNew();
        Conductor = await ZunProcess.StartAsync($"{_name}-conductor-{++_conductorStarts}", _environment.ConductorDll, _conductorSettings, _environment.WorkDirectory, Production);
        ConductorStartup = starting.Elapsed;
        ConductorStartupCpu = ProcessSample.Of(Conductor)?.CpuTime ?? TimeSpan.Zero;
    }

    /// <summary>Stops the worker process (every host of a fleet), leaving the conductor running with nobody heartbeating.</summary>
    public async Task StopWorkerAsync()
    {
        if (_workerStopped)
            return;
        _workerStopped = true;
        await StopAsync(Worker);
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await StopAsync(Conductor);
        await _management.DeleteVirtualHostAsync(VirtualHost);
    }

    private static Uri ServeMetrics(Dictionary<string, string> settings)
    {
        var port = PrometheusMetrics.FreePort();
        settings["Zun:Telemetry:PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Zun:Telemetry:PrometheusHost"] = "localhost";
        return new Uri($"http://localhost:{port}/metrics");
    }

    /// <summary>Stops the process with SIGTERM first, as a service manager does, so that it ends as it does in production.</summary>
    private static async Task StopAsync(ZunProcess process)
    {
        await process.StopAsync();
        await process.DisposeAsync();
    }
}
