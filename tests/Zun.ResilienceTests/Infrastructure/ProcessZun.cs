using Docker.DotNet;
using Docker.DotNet.Models;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Hosting;
using Zun.IntegrationTests.Infrastructure;
using Zun.Testing;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>
/// Zun as separate OS processes on real services: conductors and a worker run from their built dlls on a RabbitMQ
/// virtual host of their own, with one SQLite store file, driving the real Docker engine; the test's client
/// (in-process) publishes commands and records every event. Processes can be killed with SIGKILL and started again
/// on the same store, the same virtual host and the same worker host name.
/// </summary>
public sealed class ProcessZun : IAsyncDisposable
{
    public const string BusyboxImage = ZunTestSystem.BusyboxImage;

    /// <summary>A container that exits at once on SIGTERM (busybox sh runs the trap after the current <c>sleep 1</c>).</summary>
    public static readonly string[] StoppableCommand = ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"];

    private static readonly Type[] ObservedEvents =
    [
        typeof(OperationAccepted), typeof(OperationDispatched), typeof(OperationRejected), typeof(OperationCompleted),
        typeof(OperationFailed), typeof(OperationTimedOut), typeof(ContainerStatusChanged),

        // What workers report to the conductor, published, so the test hears it too.
        typeof(ContainerActionCompleted), typeof(ContainerActionFailed), typeof(WorkerHeartbeat),
    ];

    private const string ObserverQueue = "zun-resilience-observer";

    private readonly List<ZunProcess> _processes = [];
    private readonly Dictionary<string, string> _conductorSettings;
    private readonly Dictionary<string, string> _workerSettings;
    private readonly RabbitMqCluster? _cluster;
    private int _conductorStarts;
    private int _workerStarts;

    private ProcessZun(
        TestVirtualHost broker, string logDirectory, IHost client, EventLog events, HeardLog heard,
        Dictionary<string, string> conductorSettings, Dictionary<string, string> workerSettings, RabbitMqCluster? cluster)
    {
        var virtualHost = broker.Name;
        Heard = heard;
        Broker = broker;
        VirtualHost = virtualHost;
        RabbitUrl = broker.ClientUrl;
        LogDirectory = logDirectory;
        Client = client;
        Events = events;
        _conductorSettings = conductorSettings;
        _workerSettings = workerSettings;
        _cluster = cluster;
        StorePath = Path.Combine(Path.GetTempPath(), $"{virtualHost}.db");
        WorkerHost = $"rs-{virtualHost[^12..]}";
    }

    public string VirtualHost { get; }

    /// <summary>The virtual host's broker users: conductors run as its service user, the worker as its host user.</summary>
    public TestVirtualHost Broker { get; }

    /// <summary>The clients' broker URL.</summary>
    public string RabbitUrl { get; }

    /// <summary>The SQLite file every conductor of this system uses.</summary>
    public string StorePath { get; }

    /// <summary>The worker's host name, unique to this system; its containers carry the label zun.host=&lt;it&gt;.</summary>
    public string WorkerHost { get; }

    /// <summary>The worker's queue.</summary>
    public string WorkerQueue => $"zun-worker-{WorkerHost}";

    /// <summary>Where the processes' logs are kept (under the test output directory).</summary>
    public string LogDirectory { get; }

    public IHost Client { get; }

    public EventLog Events { get; }

    /// <summary>The same events with their envelopes: message ids and the publishing process.</summary>
    public HeardLog Heard { get; }

    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    public IBus Bus => Client.Services.GetRequiredService<IBus>();

    /// <summary>Creates the virtual host and starts the recording client; no Zun process runs yet.</summary>
    /// <param name="testName">Names the log directory.</param>
    /// <param name="conductorSettings">Settings for every conductor beside the broker and the store.</param>
    /// <param name="workerSettings">Settings for the worker beside the broker and its host name, e.g. <c>Zun__Worker__Runtime=Null</c>.</param>
    /// <param name="cluster">Run on this RabbitMQ cluster (every process and the client given all its nodes) instead of the tests' broker.</param>
    public static async Task<ProcessZun> CreateAsync(
        string testName, IDictionary<string, string>? conductorSettings = null, IDictionary<string, string>? workerSettings = null, RabbitMqCluster? cluster = null)
    {
        var virtualHost = $"zun-rs-{Guid.NewGuid():N}"[..26];
        var broker = cluster is null ? await TestBroker.CreateVirtualHostAsync(virtualHost) : await cluster.Management.CreateVirtualHostAsync(virtualHost);
        var (events, heard) = (new EventLog(), new HeardLog());
        var client = BuildClient(broker.ClientUrl, events, heard, cluster);
        await client.StartAsync();
        var logDirectory = Path.Combine(AppContext.BaseDirectory, "process-logs", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{testName}-{virtualHost[7..]}");
        return new ProcessZun(
            broker, logDirectory, client, events, heard,
            new Dictionary<string, string>(conductorSettings ?? new Dictionary<string, string>()),
            new Dictionary<string, string>(workerSettings ?? new Dictionary<string, string>()),
            cluster);
    }

    /// <summary>What a client needs to reach the broker: the URL, and on a cluster its nodes.</summary>
    public IReadOnlyDictionary<string, string> BrokerSettings
    {
        get
        {
            var settings = new Dictionary<string, string>(_cluster is null ? new Dictionary<string, string>() : RabbitMqCluster.Settings)
            {
                ["Zun__RabbitMq__Url"] = RabbitUrl,
            };
            return settings;
        }
    }

    /// <summary>Starts a conductor process on this system's store and virtual host; several may run at once.</summary>
    public async Task<ZunProcess> StartConductorAsync()
    {
        var settings = WithBrokerSettings(_conductorSettings, Broker.ServiceUrl);
        settings["Zun__Store__Sqlite__Path"] = StorePath;

        // 40 containers at once claiming the default 1 cpu would not fit two cores at upstream's ratio of 16.
        settings.TryAdd("Zun__Scheduler__CpuAllocationRatio", "64");
        settings.TryAdd("Zun__Scheduler__RamAllocationRatio", "16");
        settings.TryAdd("Zun__Quota__Containers", "-1");
        settings.TryAdd("Zun__Quota__Cpu", "-1");
        settings.TryAdd("Zun__Quota__MemoryMb", "-1");
        var process = await ZunProcess.StartAsync($"conductor-{++_conductorStarts}", BuiltProcesses.ConductorDll, settings, LogDirectory);
        _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Starts the worker of <see cref="WorkerHost"/> (again, after a kill: same host name, same queue), with
    /// <paramref name="settings"/> beside the system's own (another engine's <c>Zun__Docker__Endpoint</c>, say).
    /// </summary>
    public async Task<ZunProcess> StartWorkerAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = WithBrokerSettings(_workerSettings, Broker.HostUrl);

        // busybox's sleep, PID 1, ignores SIGTERM: a stop would wait Docker's whole grace before the SIGKILL that ends it.
        all.TryAdd("Zun__Worker__DefaultStopTimeoutSeconds", "1");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            all[name] = value;
        all["Zun__Worker__Host"] = WorkerHost;
        all["Zun__Worker__HeartbeatIntervalSeconds"] = "1";
        var process = await ZunProcess.StartAsync($"worker-{++_workerStarts}", BuiltProcesses.WorkerDll, all, LogDirectory);
        _processes.Add(process);
        return process;
    }

    public Task Publish<T>(T command)
        where T : class =>
        Bus.Publish(command);

    /// <summary>Publishes a command as its runtime type.</summary>
    public Task PublishCommand(object command) =>
        Bus.Publish(command, command.GetType());

    /// <summary>Publishes all the commands at once, as a burst.</summary>
    public Task PublishAll<T>(IEnumerable<T> commands)
        where T : class =>
        Task.WhenAll(commands.Select(c => Bus.Publish(c)));

    /// <summary>The project every container of these tests is created in, and whose containers they ask about.</summary>
    public const string Project = "resilience";

    public static CreateContainer NewCreate(string[]? command = null, bool run = true) => new()
    {
        OperationId = Guid.NewGuid(),
        ContainerId = Guid.NewGuid(),
        Image = BusyboxImage,
        Command = command ?? ["sleep", "300"],
        Run = run,
        ProjectId = Project,
        UserId = "resilience-test",
    };

    /// <summary>Creates running containers through Zun and returns their ids once every create has completed.</summary>
    public async Task<IReadOnlyList<Guid>> RunContainers(int count, string[]? command = null)
    {
        var creates = Enumerable.Range(0, count).Select(_ => NewCreate(command)).ToList();
        await PublishAll(creates);
        var missing = await Outcomes.WaitForAll(Events, creates.Select(c => c.OperationId), TimeSpan.FromSeconds(60));
        Assert.True(missing.Count == 0, $"{missing.Count} of {count} creates got no terminal event");
        foreach (var create in creates)
        {
            var completed = Assert.IsType<OperationCompleted>(Outcomes.TerminalOf(Events, create.OperationId));
            Assert.Equal(ContainerStatus.Running, completed.Status);
        }

        return [.. creates.Select(c => c.ContainerId)];
    }

    /// <summary>The container as the conductor reports it, or null when it says it has no such container.</summary>
    public async Task<ContainerInfo?> Info(Guid containerId)
    {
        var client = Client.Services.GetRequiredService<IRequestClient<GetContainer>>();
        var response = await client.GetResponse<ContainerInfo, ContainerNotFound>(
            new GetContainer { ContainerId = containerId, ProjectId = Project }, timeout: RequestTimeout.After(s: 30));
        return response.Is(out Response<ContainerInfo>? info) ? info.Message : null;
    }

    /// <summary>Every container Docker holds for this system's worker host.</summary>
    public async Task<IList<ContainerListResponse>> ContainersInDocker() =>
        await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"zun.host={WorkerHost}"] = true },
            },
        });

    /// <summary>The container's state in Docker in Zun's terms, or null when Docker has no such container.</summary>
    public async Task<ContainerStatus?> StatusInDocker(Guid containerId)
    {
        try
        {
            var state = (await Docker.Containers.InspectContainerAsync($"zun-{containerId:D}")).State;
            return state switch
            {
                { Paused: true } => ContainerStatus.Paused,
                { Restarting: true } => ContainerStatus.Restarting,
                { Running: true } => ContainerStatus.Running,
                { Dead: true } => ContainerStatus.Dead,
                { Status: "exited" } => ContainerStatus.Stopped,
                { Status: "created" } => ContainerStatus.Created,
                _ => ContainerStatus.Unknown,
            };
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The cluster is the test's own and a virtual host left on it harms no one, so a management API too slow to
    /// answer (a node just restarted on a loaded machine) must not replace the test's own outcome with its time-out.
    /// </summary>
    private async Task DeleteClusterVirtualHost(RabbitMqCluster cluster)
    {
        try
        {
            await cluster.Management.DeleteVirtualHostAsync(VirtualHost);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"virtual host {VirtualHost} left on the cluster: {e.Message}");
        }
    }

    /// <summary>A Zun process's settings: its own, the broker's with the process's broker user, and the policy mapping the virtual host's users.</summary>
    private Dictionary<string, string> WithBrokerSettings(Dictionary<string, string> own, string url)
    {
        var settings = new Dictionary<string, string>(Broker.PublisherSettings("__"));
        foreach (var (key, value) in own)
            settings[key] = value;
        foreach (var (key, value) in BrokerSettings)
            settings[key] = value;
        settings["Zun__RabbitMq__Url"] = url;
        return settings;
    }

    /// <summary>
    /// A client that publishes commands, sends queries and records every event Zun publishes, with its envelope. On a
    /// cluster its queue is a quorum queue: a temporary one lives on a single node, and what is published to it while
    /// that node is down would be lost to the test, not to Zun.
    /// </summary>
    private static IHost BuildClient(string rabbitUrl, EventLog events, HeardLog heard, RabbitMqCluster? cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Zun:RabbitMq:Url"] = rabbitUrl });
        if (cluster is not null)
            builder.Configuration.AddInMemoryCollection(RabbitMqCluster.Settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(events).AddSingleton(heard);
        // One queue for every event type, so that events arrive in the order each publisher published them.
        var instance = Guid.NewGuid().ToString("N")[..8];
        builder.Services.AddZunBus(x =>
        {
            foreach (var type in ObservedEvents)
            {
                x.AddConsumer(typeof(EnvelopeRecorder<>).MakeGenericType(type)).Endpoint(e =>
                {
                    e.Name = ObserverQueue;
                    e.InstanceId = instance;
                    e.Temporary = cluster is null;
                });
            }

            x.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                if (cluster is not null && name.StartsWith(ObserverQueue, StringComparison.Ordinal))
                    endpoint.ApplyQueueSettings(context);
            });

            x.AddRequestClient<GetContainer>();
        });
        return builder.Build();
    }

    /// <summary>
    /// Polls Zun's record and Docker until Zun shows the status Docker has (and not Unknown), within the timeout: neither
    /// announces agreement, and observations of Docker's events may still be on their way. Returns what each showed last.
    /// </summary>
    public async Task<(ContainerInfo? InZun, ContainerStatus? InDocker)> UntilZunAgreesWithDocker(Guid containerId, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var inDocker = await StatusInDocker(containerId);
            var inZun = await Info(containerId);
            if ((inZun?.Status == inDocker && inDocker != ContainerStatus.Unknown) || clock.Elapsed > timeout)
                return (inZun, inDocker);
            await Task.Delay(200);
        }
    }

    /// <summary>Where the logs are, to append to failure messages.</summary>
    public string Logs => $"process logs: {LogDirectory}";

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
            await process.DisposeAsync();
        await Client.StopAsync();
        Client.Dispose();

        await Parallel.ForEachAsync(
            await ContainersInDocker(),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (container, cancellationToken) =>
                await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken));
        if (_cluster is null)
            await TestBroker.DeleteVirtualHostAsync(VirtualHost);
        else
            await DeleteClusterVirtualHost(_cluster);
        Docker.Dispose();
        foreach (var file in new[] { StorePath, StorePath + "-wal", StorePath + "-shm" })
            File.Delete(file);
    }
}
