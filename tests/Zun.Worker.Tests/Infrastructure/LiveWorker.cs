using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zun.Worker.Consumers;
using Zun.Worker.Runtime;

namespace Zun.Worker.Tests.Infrastructure;

/// <summary>
/// The worker as it is wired in production, on MassTransit's in-memory test harness instead of RabbitMQ, against the
/// real Docker engine: its runtime, its consumers (optionally) and its live-state services (the event follower and the
/// periodic inventory), publishing into the harness, which records everything published.
/// </summary>
public sealed class LiveWorker : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    private LiveWorker(ServiceProvider provider, string host)
    {
        _provider = provider;
        _scope = provider.CreateScope();
        Host = host;
        Harness = provider.GetTestHarness();
    }

    public string Host { get; }

    /// <summary>Without a cancelled token the harness's Select waits for further messages until its test timeout.</summary>
    private static CancellationToken SoFar => new(canceled: true);

    public ITestHarness Harness { get; }

    internal IContainerRuntime Runtime => _provider.GetRequiredService<IContainerRuntime>();

    internal ContainerActionHandler Handler => _scope.ServiceProvider.GetRequiredService<ContainerActionHandler>();

    /// <param name="docker">The engine.</param>
    /// <param name="liveState">Run the event follower and the periodic inventory.</param>
    /// <param name="consumers">Run the worker's query consumers.</param>
    /// <param name="syncIntervalSeconds">The periodic inventory's interval.</param>
    /// <param name="wrapRuntime">Puts something between the worker and the real runtime.</param>
    /// <param name="settings">More of the worker's settings.</param>
    internal static async Task<LiveWorker> StartAsync(
        DockerHost docker,
        bool liveState = true,
        bool consumers = false,
        int syncIntervalSeconds = 60,
        Func<IContainerRuntime, IContainerRuntime>? wrapRuntime = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = docker.NewHostName();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Zun:Worker:Host"] = host,
                ["Zun:Worker:PublishAddress"] = "127.0.0.1",
                ["Zun:Worker:SyncIntervalSeconds"] = syncIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Zun:Worker:DefaultStopTimeoutSeconds"] = "1",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddZunWorkerRuntime();
        if (wrapRuntime is not null)
        {
            services.AddSingleton<DockerContainerRuntime>();
            services.AddSingleton(sp => wrapRuntime(sp.GetRequiredService<DockerContainerRuntime>()));
        }

        if (liveState)
            services.AddZunWorkerLiveState();
        services.AddMassTransitTestHarness(x =>
        {
            // Docker work between messages takes longer than the harness's default 1.2 s of inactivity.
            x.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(60), testInactivityTimeout: TimeSpan.FromSeconds(60));
            if (consumers)
            {
                x.AddConsumer<ExecInContainerConsumer>();
                x.AddConsumer<GetContainerLogsConsumer>();
                x.AddConsumer<GetContainerTopConsumer>();
                x.AddConsumer<GetContainerStatsConsumer>();
                x.AddConsumer<GetArchiveConsumer>();
                x.AddConsumer<PutArchiveConsumer>();
            }
        });

        var worker = new LiveWorker(services.BuildServiceProvider(), host);

        // Starts the bus and then every hosted service, the follower and the inventory among them.
        await worker.Harness.Start();
        return worker;
    }

    /// <summary>Creates and starts a container through the handler, as a create operation would; returns its id.</summary>
    internal async Task<Guid> Run(Contracts.Hosts.ContainerSpec spec)
    {
        var containerId = Guid.NewGuid();
        await Handler.Handle(
            new Contracts.Hosts.PerformContainerAction
            {
                OperationId = Guid.NewGuid(),
                ContainerId = containerId,
                Action = Contracts.ContainerAction.Create,
                Host = Host,
                Spec = spec,
                Run = true,
            },
            TestContext.Current.CancellationToken);
        return containerId;
    }

    /// <summary>
    /// The <paramref name="occurrence"/>-th message of type <typeparamref name="T"/> published (before or after this
    /// call) that matches.
    /// </summary>
    public async Task<T> Published<T>(Func<T, bool> match, TimeSpan timeout, string what, int occurrence = 1)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var matches = 0;
            await foreach (var published in Harness.Published.SelectAsync<T>(m => match(m.Context.Message), deadline.Token))
            {
                if (++matches == occurrence)
                    return published.Context.Message;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        var seen = string.Join(Environment.NewLine, AllPublished<T>(_ => true));
        throw new TimeoutException($"{what}: not published within {timeout.TotalSeconds} s. Published {typeof(T).Name}s:{Environment.NewLine}{seen}");
    }

    /// <summary>Every message of type <typeparamref name="T"/> published so far that matches.</summary>
    public IReadOnlyList<T> AllPublished<T>(Func<T, bool> match)
        where T : class =>
        [.. Harness.Published.Select<T>(m => match(m.Context.Message), SoFar).Select(m => m.Context.Message)];

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();

        // Disposing the harness stops the hosted services; the provider then disposes the rest.
        await _provider.DisposeAsync();
    }
}
