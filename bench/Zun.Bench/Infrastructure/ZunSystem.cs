using Zun.Testing;

namespace Zun.Bench.Infrastructure;

/// <summary>
/// One Zun under test: a conductor process and a worker process on a RabbitMQ virtual host of their own, with
/// the production queue settings (durable quorum queues, publisher confirms: the defaults).
/// </summary>
internal sealed class ZunSystem : IAsyncDisposable
{
    // The processes run as deployed, whatever environment the shell that runs the bench has set.
    private static readonly IReadOnlyDictionary<string, string> Production = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" };

    private readonly RabbitMqManagement _management;

    private ZunSystem(RabbitMqManagement management, string virtualHost, string rabbitUrl, string workerHost, ZunProcess conductor, ZunProcess worker)
    {
        _management = management;
        VirtualHost = virtualHost;
        RabbitUrl = rabbitUrl;
        WorkerHost = workerHost;
        Conductor = conductor;
        Worker = worker;
    }

    public string VirtualHost { get; }

    public string RabbitUrl { get; }

    public string WorkerHost { get; }

    public ZunProcess Conductor { get; }

    public ZunProcess Worker { get; }

    /// <summary>The conductor's Prometheus endpoint, when the system was started to serve metrics.</summary>
    public Uri? ConductorMetrics { get; private init; }

    /// <summary>The worker's Prometheus endpoint, when the system was started to serve metrics.</summary>
    public Uri? WorkerMetrics { get; private init; }

    /// <param name="store"><c>Sqlite</c> or <c>MongoDb</c>.</param>
    /// <param name="runtime"><c>Null</c> or <c>Docker</c>.</param>
    /// <param name="serveMetrics">Both processes serve their metrics on a local port (off in production's defaults).</param>
    public static async Task<ZunSystem> StartAsync(
        BenchEnvironment environment, RabbitMqManagement management, string name, string store, string runtime,
        IReadOnlyDictionary<string, string>? conductorSettings = null, bool serveMetrics = false)
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
            workerMetrics = ServeMetrics(worker);
        }

        ZunProcess? conductorProcess = null;
        try
        {
            conductorProcess = await ZunProcess.StartAsync($"{name}-conductor", environment.ConductorDll, conductor, environment.WorkDirectory, Production);
            var workerProcess = await ZunProcess.StartAsync($"{name}-worker", environment.WorkerDll, worker, environment.WorkDirectory, Production);
            return new ZunSystem(management, virtualHost, rabbitUrl, workerHost, conductorProcess, workerProcess)
            {
                ConductorMetrics = conductorMetrics,
                WorkerMetrics = workerMetrics,
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync(Worker);
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
