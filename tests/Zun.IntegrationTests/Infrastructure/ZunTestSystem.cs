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
    private readonly string _storeFile;
    private IHost? _worker;

    private ZunTestSystem(string virtualHost, string storeFile, string rabbitUrl, string workerHost, IHost conductor, IHost client, EventLog events)
    {
        _virtualHost = virtualHost;
        _storeFile = storeFile;
        RabbitUrl = rabbitUrl;
        WorkerHost = workerHost;
        Conductor = conductor;
        Client = client;
        Events = events;
    }

    public string RabbitUrl { get; }

    public string WorkerHost { get; }

    public IHost Conductor { get; }

    public IHost Client { get; }

    public EventLog Events { get; }

    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    public IBus Bus => Client.Services.GetRequiredService<IBus>();

    public static async Task<ZunTestSystem> StartAsync(bool withWorker = true, CancellationToken cancellationToken = default)
    {
        var name = $"zun-test-{Guid.NewGuid():N}"[..22];
        var rabbitUrl = await TestBroker.CreateVirtualHostAsync(name);
        var events = new EventLog();

        var client = TestHosts.Client(rabbitUrl, events);
        await client.StartAsync(cancellationToken);
        var storeFile = Path.Combine(Path.GetTempPath(), "zun-integration-tests", $"{name}.db");
        var conductor = TestHosts.Conductor(rabbitUrl, storeFile);
        await conductor.StartAsync(cancellationToken);

        var system = new ZunTestSystem(name, storeFile, rabbitUrl, $"it-{name[9..]}", conductor, client, events);
        if (withWorker)
            await system.StartWorkerAsync(cancellationToken);
        return system;
    }

    public async Task StartWorkerAsync(CancellationToken cancellationToken = default)
    {
        _worker = TestHosts.Worker(RabbitUrl, WorkerHost);
        await _worker.StartAsync(cancellationToken);
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
        ProjectId = "it-project",
        UserId = "it-user",
    };

    public async Task<Response<ContainerInfo, ContainerNotFound>> GetContainer(Guid containerId)
    {
        var client = Client.Services.GetRequiredService<IRequestClient<GetContainer>>();
        return await client.GetResponse<ContainerInfo, ContainerNotFound>(new GetContainer { ContainerId = containerId });
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
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_storeFile + suffix);
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
