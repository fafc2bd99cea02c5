using System.Globalization;
using MassTransit;
using MassTransit.Logging;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zun.Conductor.Admission;
using Zun.Conductor.Notifications;
using Zun.Conductor.Placement;
using Zun.Conductor.Operations;
using Zun.Conductor.StateMachines;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Testing.Harness;

namespace Zun.Conductor.Tests.Infrastructure;

/// <summary>
/// One conductor on MassTransit's in-memory test harness, built anew for every test, with a
/// <see cref="FakeWorker"/> listening where the worker of <see cref="WorkerHost"/> would.
/// </summary>
public sealed class ConductorHarness : IAsyncDisposable
{
    public const string WorkerHost = "test-host";

    /// <summary>
    /// The fake worker's receive endpoint. The conductor sends work to <c>exchange:zun-worker-test-host</c>;
    /// the in-memory transport, like RabbitMQ, gives every receive endpoint an exchange of its own name
    /// bound to its queue, so those sends reach this endpoint unchanged.
    /// </summary>
    public const string WorkerEndpoint = "zun-worker-test-host";

    public const string ConductorEndpoint = "zun-conductor";

    public const string ImagePullEndpoint = "zun-conductor-images";

    public const int WorkerLivenessSeconds = 15;

    // Waits for something expected return as soon as it happens, so this bounds only failing tests.
    // Nothing here waits for the bus to fall silent: the harness's inactivity signal fires once and then
    // ends every later wait, so checks that something did not happen look at what the harness recorded
    // after a point the test reached by an expected message.
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TestInactivityTimeout = TimeSpan.FromSeconds(5);

    private readonly ServiceProvider _provider;
    private readonly ReceiveLog _receiveLog = new();

    private ConductorHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
        Containers = Harness.GetSagaStateMachineHarness<ContainerStateMachine, TrackedContainer>();
        ImagePulls = Harness.GetSagaStateMachineHarness<ImagePullStateMachine, ImagePull>();
        Worker = provider.GetRequiredService<FakeWorkerScript>();
        Notifications = provider.GetRequiredService<RecordingNotifications>();
        Clock = provider.GetRequiredService<ManualClock>();
    }

    public ITestHarness Harness { get; }

    /// <summary>The claims the conductor holds on the hosts.</summary>
    public InMemoryHostRecords Claims => _provider.GetRequiredService<InMemoryHostRecords>();

    public ISagaStateMachineTestHarness<ContainerStateMachine, TrackedContainer> Containers { get; }

    public ISagaStateMachineTestHarness<ImagePullStateMachine, ImagePull> ImagePulls { get; }

    public FakeWorkerScript Worker { get; }

    /// <summary>The conductor's services, for what the harness does not wrap (its meter, for one).</summary>
    public IServiceProvider Services => _provider;

    /// <summary>The OpenStack notifications the conductor published.</summary>
    public RecordingNotifications Notifications { get; }

    /// <summary>The conductor's clock: it stands still unless a test moves it.</summary>
    public ManualClock Clock { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Starts the conductor; unless told otherwise, the fake worker has sent its first heartbeat.</summary>
    public static async Task<ConductorHarness> StartAsync(bool workerAlive = true, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Zun:Conductor:Endpoint"] = ConductorEndpoint,
                ["Zun:Conductor:WorkerLivenessSeconds"] = WorkerLivenessSeconds.ToString(CultureInfo.InvariantCulture),

                // Tests of other things create more containers than upstream's 20 cores per project allow; the quota tests set their own.
                ["Zun:Quota:Containers"] = "-1",
                ["Zun:Quota:Cpu"] = "-1",
                ["Zun:Quota:MemoryMb"] = "-1",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<FakeWorkerScript>();
        services.AddSingleton<RecordingNotifications>();
        services.AddSingleton<INotificationPublisher>(provider => provider.GetRequiredService<RecordingNotifications>());
        services.AddSingleton<IOperationJournal, InMemoryOperationJournal>();
        services.AddSingleton<InMemoryHostRecords>();
        services.AddSingleton<IHostRecords>(provider => provider.GetRequiredService<InMemoryHostRecords>());
        services.AddInMemoryQuotaStores();
        services.AddInMemoryVolumeStore();
        services.AddZunConductorServices();
        services.AddSingleton<ManualClock>();
        services.AddSingleton<TimeProvider>(provider => provider.GetRequiredService<ManualClock>());
        services.AddMassTransitTestHarness(x =>
        {
            x.SetTestTimeouts(TestTimeout, TestInactivityTimeout);
            x.AddZunConductorStateMachines(new InMemorySagaRepositories());
            x.AddConsumer<FakeWorker>().Endpoint(e => e.Name = WorkerEndpoint);

            // Deadlines are scheduled messages; the in-memory transport delays them itself.
            x.AddDelayedMessageScheduler();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                cfg.ConfigureEndpoints(context);
            });
        });
        services.Configure<TextWriterLoggerOptions>(o => o.LogLevel = LogLevel.Information);

        var harness = new ConductorHarness(services.BuildServiceProvider(validateScopes: true));
        await harness.Harness.Start();
        harness.Harness.Bus.ConnectReceiveObserver(harness._receiveLog);
        harness.Harness.Bus.ConnectReceiveObserver(UnreadableCommandObserver.For(harness._provider));
        if (workerAlive)
            await harness.Heartbeat(WorkerHost, WorkerEndpoint);
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        Worker.Dispose();

        // The bus stops first, while the services its endpoints resolve still exist: disposing the
        // provider alone would fail the messages still in flight and leave them retrying for seconds.
        if (Harness is IAsyncDisposable harness)
            await harness.DisposeAsync();
        await _provider.DisposeAsync();
    }

    public static CreateContainer NewCreate(bool run = true, string? host = null) => new()
    {
        OperationId = Guid.NewGuid(),
        ContainerId = Guid.NewGuid(),
        Image = "busybox:latest",
        Command = ["sleep", "300"],
        Run = run,
        Host = host,

        // No project, like the commands and queries of the tests, which carry none unless they are about tenancy.
        ProjectId = null,
        UserId = "user-a",
    };

    /// <summary>Publishes <paramref name="message"/> as its own type, also when the caller holds it as an object.</summary>
    public Task Publish<T>(T message)
        where T : class =>
        Harness.Bus.Publish(message, message.GetType(), Cancellation);

    /// <summary>
    /// Publishes a message and waits until the conductor's <paramref name="endpoint"/> is done with it,
    /// including whatever it sent or published in answer.
    /// </summary>
    public async Task PublishAndWaitFor<T>(T message, string endpoint)
        where T : class
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(message, context => context.MessageId = messageId, Cancellation);
        await _receiveLog.Handled(messageId, endpoint, TestTimeout, Cancellation);
    }

    /// <summary>
    /// Publishes a worker's heartbeat and waits until every part of the conductor that hears heartbeats
    /// is done with it: the worker directory, the container machine and the image pull machine (each on
    /// its own endpoint), including whatever they sent to the worker in answer.
    /// </summary>
    public async Task Heartbeat(string host, string endpoint, HostPlatform? platform = null, bool engineReachable = true, int cpus = 2, int containers = 0, long memoryMb = 65_536, string? zone = null, Dictionary<string, string>? labels = null)
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(
            new WorkerHeartbeat
            {
                Host = host,
                Endpoint = endpoint,
                Cpus = cpus,
                MemoryMb = memoryMb,
                AvailabilityZone = zone,
                Labels = labels ?? [],
                RunningContainers = containers,
                TotalContainers = containers,
                Platform = platform,
                EngineUnreachableSince = engineReachable ? null : Clock.GetUtcNow(),
                StartedAt = DateTimeOffset.UtcNow,
                Timestamp = DateTimeOffset.UtcNow,
            },
            context => context.MessageId = messageId,
            Cancellation);

        var recorded = await Harness.GetConsumerHarness<WorkerHeartbeatConsumer>().Consumed
            .Any<WorkerHeartbeat>(m => m.Context.MessageId == messageId, Cancellation);
        Assert.True(recorded, $"the worker directory did not record the heartbeat of {host}");
        await _receiveLog.Handled(messageId, ConductorEndpoint, TestTimeout, Cancellation);
        await _receiveLog.Handled(messageId, ImagePullEndpoint, TestTimeout, Cancellation);
    }

    /// <summary>The first published <typeparamref name="T"/> that matches, published before or within the test timeout.</summary>
    public async Task<T> Published<T>(Func<T, bool> match)
        where T : class
    {
        await foreach (var published in Harness.Published.SelectAsync<T>(m => match(m.Context.Message), Cancellation))
            return published.Context.Message;

        throw new TimeoutException($"no matching {typeof(T).Name} was published; published so far: {DescribePublished()}");
    }

    /// <summary>The first sent <typeparamref name="T"/> that matches, sent before or within the test timeout.</summary>
    public async Task<ISentMessage<T>> Sent<T>(Func<T, bool> match)
        where T : class
    {
        await foreach (var sent in Harness.Sent.SelectAsync<T>(m => match(m.Context.Message), Cancellation))
            return sent;

        throw new TimeoutException($"no matching {typeof(T).Name} was sent");
    }

    /// <summary>Every <typeparamref name="T"/> published so far that matches, in the order published; does not wait.</summary>
    public IReadOnlyList<T> PublishedSoFar<T>(Func<T, bool> match)
        where T : class =>
        Harness.Published.Select<T>(m => match(m.Context.Message), DoNotWait).Select(m => m.Context.Message).ToList();

    /// <summary>Every <typeparamref name="T"/> sent so far that matches; does not wait.</summary>
    public IReadOnlyList<ISentMessage<T>> SentSoFar<T>(Func<T, bool> match)
        where T : class =>
        Harness.Sent.Select<T>(m => match(m.Context.Message), DoNotWait).ToList();

    /// <summary>The terminal event of an operation: completed, failed, rejected or timed out.</summary>
    public async Task<object> Outcome(Guid operationId)
    {
        await foreach (var published in Harness.Published.SelectAsync(m => IsOutcomeOf(m.MessageObject, operationId), Cancellation))
            return published.MessageObject;

        throw new TimeoutException($"operation {operationId} had no outcome; published so far: {DescribePublished()}");
    }

    /// <summary>Publishes a command and waits for its operation's terminal event.</summary>
    public async Task<object> Execute<T>(T command, Guid operationId)
        where T : class
    {
        await Publish(command);
        return await Outcome(operationId);
    }

    /// <summary>A container that the fake worker created and started, of <paramref name="project"/>.</summary>
    public async Task<Guid> RunContainer(string? project = null)
    {
        var create = NewCreate(run: true) with { ProjectId = project };
        Assert.IsType<OperationCompleted>(await Execute(create, create.OperationId));
        return create.ContainerId;
    }

    /// <summary>A container that was created, started and then stopped.</summary>
    public async Task<Guid> StoppedContainer()
    {
        var containerId = await RunContainer();
        var stop = new StopContainer { OperationId = Guid.NewGuid(), ContainerId = containerId };
        Assert.IsType<OperationCompleted>(await Execute(stop, stop.OperationId));
        return containerId;
    }

    /// <summary>The container's record once the container machine has it in <paramref name="state"/>.</summary>
    public async Task<TrackedContainer> ContainerIn(Guid containerId, Func<ContainerStateMachine, State> state)
    {
        var found = await Containers.Exists(containerId, state);
        Assert.True(found.HasValue, $"container {containerId} did not reach {state(Containers.StateMachine).Name}");
        return await LoadContainer(containerId)
            ?? throw new InvalidOperationException($"container {containerId} vanished");
    }

    public async Task<TrackedContainer?> LoadContainer(Guid containerId) =>
        await _provider.GetRequiredService<ILoadSagaRepository<TrackedContainer>>().Load(containerId);

    public Task<Response<ContainerInfo, ContainerNotFound>> GetContainer(Guid containerId) => GetContainer(new GetContainer { ContainerId = containerId });

    public Task<Response<ContainerInfo, ContainerNotFound>> GetContainer(GetContainer request) =>
        Harness.GetRequestClient<GetContainer>().GetResponse<ContainerInfo, ContainerNotFound>(request, Cancellation, TestTimeout);

    public async Task<ContainerInfo[]> ListContainers(ListContainers request) =>
        (await Harness.GetRequestClient<ListContainers>().GetResponse<ContainerList>(request, Cancellation, TestTimeout)).Message.Containers;

    public async Task<WorkerHost[]> ListHosts(ListHosts request) =>
        (await Harness.GetRequestClient<ListHosts>().GetResponse<HostList>(request, Cancellation, TestTimeout)).Message.Hosts;

    public Task<Response<OperationInfo, OperationNotFound>> GetOperation(Guid operationId) => GetOperation(new GetOperation { OperationId = operationId });

    public Task<Response<OperationInfo, OperationNotFound>> GetOperation(GetOperation request) =>
        Harness.GetRequestClient<GetOperation>().GetResponse<OperationInfo, OperationNotFound>(request, Cancellation, TestTimeout);

    /// <summary>Makes the harness's message lists return what they hold without waiting for more.</summary>
    private static CancellationToken DoNotWait => new(canceled: true);

    private static bool IsOutcomeOf(object message, Guid operationId) => message switch
    {
        OperationCompleted completed => completed.OperationId == operationId,
        OperationFailed failed => failed.OperationId == operationId,
        OperationRejected rejected => rejected.OperationId == operationId,
        OperationTimedOut timedOut => timedOut.OperationId == operationId,
        _ => false,
    };

    private string DescribePublished() =>
        string.Join(", ", Harness.Published.Select(_ => true, DoNotWait).TakeLast(15).Select(m => m.MessageType.Name));
}
