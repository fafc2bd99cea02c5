using Docker.DotNet;
using Docker.DotNet.Models;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Zun.Contracts;
using ContainerStatus = Zun.Contracts.ContainerStatus;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>
/// A whole Zun on real services: a conductor and (optionally) a worker on their own RabbitMQ virtual
/// host, driving the real Docker engine, and a client that records every event.
/// </summary>
public sealed class ZunTestSystem : IAsyncDisposable
{
    public const string BusyboxImage = "127.0.0.1:5000/busybox:latest";

    private readonly string _virtualHost;
    private IHost? _worker;
    private IDictionary<string, string?>? _workerSettings;

    private ZunTestSystem(string virtualHost, string rabbitUrl, string workerHost, IHost conductor, IHost client, EventLog events)
    {
        _virtualHost = virtualHost;
        RabbitUrl = rabbitUrl;
        WorkerHost = workerHost;
        Conductor = conductor;
        Client = client;
        Events = events;
    }

    public string RabbitUrl { get; }

    /// <summary>The RabbitMQ virtual host this system runs in.</summary>
    public string VirtualHost => _virtualHost;

    /// <summary>The conductor's SQLite store.</summary>
    public string StorePath { get; private init; } = "";

    public string WorkerHost { get; }

    public IHost Conductor { get; }

    public IHost Client { get; }

    public EventLog Events { get; }

    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    public IBus Bus => Client.Services.GetRequiredService<IBus>();

    public static async Task<ZunTestSystem> StartAsync(
        bool withWorker = true, IDictionary<string, string?>? conductorSettings = null, IDictionary<string, string?>? workerSettings = null,
        CancellationToken cancellationToken = default)
    {
        var name = $"zun-test-{Guid.NewGuid():N}"[..22];
        var rabbitUrl = await TestBroker.CreateVirtualHostAsync(name);
        var events = new EventLog();

        var client = TestHosts.Client(rabbitUrl, events);
        await client.StartAsync(cancellationToken);
        var storePath = Path.Combine(Path.GetTempPath(), $"{name}.db");
        var conductor = TestHosts.Conductor(rabbitUrl, storePath, conductorSettings);
        await conductor.StartAsync(cancellationToken);

        var system = new ZunTestSystem(name, rabbitUrl, $"it-{name[9..]}", conductor, client, events)
        {
            StorePath = storePath,
            _workerSettings = workerSettings,
        };
        if (withWorker)
            await system.StartWorkerAsync(cancellationToken);
        return system;
    }

    public async Task StartWorkerAsync(CancellationToken cancellationToken = default)
    {
        _worker = TestHosts.Worker(RabbitUrl, WorkerHost, _workerSettings);
        await _worker.StartAsync(cancellationToken);
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
    public async Task WaitForLiveWorker()
    {
        var client = Client.Services.GetRequiredService<IRequestClient<ListHosts>>();
        using var deadline = new CancellationTokenSource(EventLog.DefaultTimeout);
        while (!(await client.GetResponse<HostList>(new ListHosts { Host = WorkerHost }, deadline.Token)).Message.Hosts.Any(h => h.Host == WorkerHost))
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
        foreach (var host in new[] { _worker, Conductor, Client })
        {
            if (host is null)
                continue;
            await host.StopAsync();
            host.Dispose();
        }

        await RemoveContainersOf(WorkerHost);
        await TestBroker.DeleteVirtualHostAsync(_virtualHost);
        Docker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { StorePath, StorePath + "-wal", StorePath + "-shm" })
            File.Delete(file);
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
