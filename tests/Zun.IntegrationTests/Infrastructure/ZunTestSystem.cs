using Docker.DotNet;
using Docker.DotNet.Models;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zun.Contracts;
using Zun.Testing;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>
/// A whole Zun on real services: a conductor and (optionally) a worker on their own RabbitMQ virtual
/// host, driving the real Docker engine, and a client that records every event.
/// </summary>
public sealed class ZunTestSystem : IAsyncDisposable
{
    public const string BusyboxImage = "127.0.0.1:5000/busybox:latest";

    private readonly TestVirtualHost _broker;
    private readonly List<IHost> _extraWorkers = [];
    private IHost? _worker;
    private IDictionary<string, string?>? _workerSettings;
    private Dictionary<string, string> _users = [];

    private ZunTestSystem(TestVirtualHost broker, string workerHost, IHost conductor, IHost client, EventLog events)
    {
        _broker = broker;
        RabbitUrl = broker.ClientUrl;
        WorkerHost = workerHost;
        Conductor = conductor;
        Client = client;
        Events = events;
    }

    /// <summary>The clients' broker URL (the administrator's, a <c>service</c> in Zun's default policy).</summary>
    public string RabbitUrl { get; }

    /// <summary>The RabbitMQ virtual host this system runs in.</summary>
    public string VirtualHost => _broker.Name;

    /// <summary>The virtual host's broker users: the conductor runs as its service user, the worker as its host user.</summary>
    public TestVirtualHost Broker => _broker;

    /// <summary>The conductor's SQLite store.</summary>
    public string StorePath { get; private init; } = "";

    public string WorkerHost { get; }

    public IHost Conductor { get; }

    /// <summary>The worker, while it runs.</summary>
    public IHost? Worker => _worker;

    public IHost Client { get; }

    public EventLog Events { get; }

    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    public IBus Bus => Client.Services.GetRequiredService<IBus>();

    /// <param name="withWorker">Start the worker too.</param>
    /// <param name="conductorSettings">The conductor's settings beside the broker and the store.</param>
    /// <param name="workerSettings">The worker's settings beside the broker and its host name.</param>
    /// <param name="publishers">
    /// More broker users of the virtual host, by name suffix, each mapped to its role (<c>service</c> or a project id) in
    /// the conductor's and the worker's policy, with a service's permissions or a client's; their URLs are <see cref="UserUrl"/>.
    /// </param>
    /// <param name="restrictClients">Give the clients' user only a client's permissions, as <c>deploy/local/services.sh</c> gives guest.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ZunTestSystem> StartAsync(
        bool withWorker = true, IDictionary<string, string?>? conductorSettings = null, IDictionary<string, string?>? workerSettings = null,
        IReadOnlyDictionary<string, string>? publishers = null, bool restrictClients = false, CancellationToken cancellationToken = default)
    {
        var name = $"zun-test-{Guid.NewGuid():N}"[..22];
        var broker = await TestBroker.CreateVirtualHostAsync(name);
        if (restrictClients)
            await TestBroker.RestrictAdministratorAsync(name, BrokerPermissions.Of(BrokerPermissions.Client));

        var users = new Dictionary<string, string>();
        conductorSettings = new Dictionary<string, string?>(conductorSettings ?? new Dictionary<string, string?>());
        workerSettings = new Dictionary<string, string?>(workerSettings ?? new Dictionary<string, string?>());
        foreach (var (suffix, role) in publishers ?? new Dictionary<string, string>())
        {
            var permissions = role == BrokerPermissions.Service ? BrokerPermissions.Service : BrokerPermissions.Client;
            users[suffix] = await TestBroker.CreateUserAsync(name, suffix, BrokerPermissions.Of(permissions));
            conductorSettings[$"Zun:Policy:Publishers:{TestVirtualHost.UserName(name, suffix)}"] = role;
            workerSettings[$"Zun:Policy:Publishers:{TestVirtualHost.UserName(name, suffix)}"] = role;
        }

        var events = new EventLog();

        var client = TestHosts.Client(broker.ClientUrl, events);
        await client.StartAsync(cancellationToken);
        var storePath = Path.Combine(Path.GetTempPath(), $"{name}.db");
        var conductor = TestHosts.Conductor(broker.ServiceUrl, storePath, WithPublishers(broker, conductorSettings));
        await conductor.StartAsync(cancellationToken);

        var system = new ZunTestSystem(broker, $"it-{name[9..]}", conductor, client, events)
        {
            StorePath = storePath,
            _workerSettings = workerSettings,
            _users = users,
        };
        if (withWorker)
            await system.StartWorkerAsync(cancellationToken);
        return system;
    }

    public async Task StartWorkerAsync(CancellationToken cancellationToken = default)
    {
        _worker = TestHosts.Worker(_broker.HostUrl, WorkerHost, WithPublishers(_broker, _workerSettings));
        await _worker.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Starts one more worker, of host <paramref name="host"/>, with <paramref name="settings"/> beside the system's own
    /// worker settings (another engine's <c>Zun:Docker:Endpoint</c>, a zone, labels); it stops with the system.
    /// </summary>
    public async Task<IHost> StartExtraWorkerAsync(string host, IDictionary<string, string?> settings, CancellationToken cancellationToken = default)
    {
        var all = new Dictionary<string, string?>(_workerSettings ?? new Dictionary<string, string?>());
        foreach (var (key, value) in settings)
            all[key] = value;
        var worker = TestHosts.Worker(_broker.HostUrl, host, WithPublishers(_broker, all));
        _extraWorkers.Add(worker);
        await worker.StartAsync(cancellationToken);
        return worker;
    }

    /// <summary>Stops the worker the way a crashed host stops answering: its queue stays, nobody consumes it.</summary>
    public async Task StopWorkerAsync(CancellationToken cancellationToken = default)
    {
        if (_worker is null)
            return;
        await _worker.StopAsync(cancellationToken);
        _worker.Dispose();
        _worker = null;
    }

    /// <summary>The AMQP URL of a broker user made by <see cref="StartAsync"/>'s <c>publishers</c>.</summary>
    public string UserUrl(string suffix) => _users[suffix];

    public Task Publish<T>(T command)
        where T : class =>
        Bus.Publish(command);

    /// <summary>Publishes a command and waits for the operation's terminal event.</summary>
    public async Task<object> Execute<T>(T command, Guid operationId, TimeSpan? timeout = null)
        where T : class
    {
        await Bus.Publish(command);
        return await Events.Outcome(operationId, timeout);
    }

    /// <summary>Creates a running busybox container through Zun and returns its id once Running.</summary>
    public async Task<Guid> RunContainer(string[]? command = null)
    {
        var create = NewCreate(command ?? ["sleep", "300"], run: true);
        var outcome = await Execute(create, create.OperationId);
        var completed = Assert.IsType<OperationCompleted>(outcome);
        Assert.Equal(ContainerStatus.Running, completed.Status);
        return create.ContainerId;
    }

    public static CreateContainer NewCreate(string[]? command = null, bool run = true, string? image = null) => new()
    {
        OperationId = Guid.NewGuid(),
        ContainerId = Guid.NewGuid(),
        Image = image ?? BusyboxImage,
        Command = command ?? ["sleep", "300"],
        Run = run,

        // No project, like the commands and queries of the tests, which carry none unless they are about tenancy.
        ProjectId = null,
        UserId = "it-user",
    };

    /// <summary>The container as <paramref name="project"/> sees it: another project's is not found.</summary>
    public async Task<Response<ContainerInfo, ContainerNotFound>> GetContainer(Guid containerId, string? project = null)
    {
        var client = Client.Services.GetRequiredService<IRequestClient<GetContainer>>();
        return await client.GetResponse<ContainerInfo, ContainerNotFound>(new GetContainer { ContainerId = containerId, ProjectId = project });
    }

    /// <summary>Sends a request about a container and returns the answer: <typeparamref name="TResult"/>, or fails with what came instead.</summary>
    public async Task<TResult> Ask<TRequest, TResult>(TRequest request)
        where TRequest : class
        where TResult : class
    {
        var client = Client.Services.GetRequiredService<IRequestClient<TRequest>>();
        var response = await client.GetResponse<TResult, RequestRejected, ContainerNotFound>(request, timeout: RequestTimeout.After(s: 30));
        return response.Is(out Response<TResult>? result) ? result.Message
            : response.Is(out Response<RequestRejected>? rejected) ? throw new InvalidOperationException($"rejected: {rejected.Message.Reason}")
            : throw new InvalidOperationException("container not found");
    }

    /// <summary>Waits until the conductor has heard this system's worker, and so knows the cores it has.</summary>
    public Task WaitForLiveWorker() => WaitForLiveWorkers([WorkerHost]);

    /// <summary>Waits until the conductor has heard from each of <paramref name="hosts"/>.</summary>
    public async Task WaitForLiveWorkers(IReadOnlyCollection<string> hosts)
    {
        var client = Client.Services.GetRequiredService<IRequestClient<ListHosts>>();
        using var deadline = new CancellationTokenSource(EventLog.DefaultTimeout);
        while (!hosts.All((await client.GetResponse<HostList>(new ListHosts(), deadline.Token)).Message.Hosts.Select(h => h.Host).ToHashSet().Contains))
            await Task.Delay(100, deadline.Token);
    }

    /// <summary>The container's status as the conductor reports it.</summary>
    public async Task<ContainerInfo> Info(Guid containerId, string? project = null)
    {
        var response = await GetContainer(containerId, project);
        return response.Is(out Response<ContainerInfo>? info) ? info.Message : throw new InvalidOperationException($"container {containerId} not found");
    }

    public async Task<ContainerInspectResponse?> InspectInDocker(Guid containerId)
    {
        try
        {
            return await Docker.Containers.InspectContainerAsync($"zun-{containerId:D}");
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _extraWorkers.Append(_worker).Append(Conductor).Append(Client).ToList())
        {
            if (host is null)
                continue;
            await host.StopAsync();
            host.Dispose();
        }

        await RemoveContainersOf(WorkerHost);
        await TestBroker.DeleteVirtualHostAsync(_broker.Name);
        Docker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { StorePath, StorePath + "-wal", StorePath + "-shm" })
            File.Delete(file);
    }

    /// <summary>The settings with the virtual host's users mapped to their roles, as an operator maps Zun's users; the settings win.</summary>
    private static Dictionary<string, string?> WithPublishers(TestVirtualHost broker, IDictionary<string, string?>? settings)
    {
        var all = broker.PublisherSettings().ToDictionary(s => s.Key, s => (string?)s.Value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return all;
    }

    private async Task RemoveContainersOf(string host)
    {
        var ours = await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"zun.host={host}"] = true },
            },
        });
        foreach (var container in ours)
            await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
    }
}
