using MassTransit;
using Microsoft.Extensions.Options;
using Zun.Client.Events;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Hosting;

namespace Zun.Client;

/// <summary>
/// Zun over RabbitMQ. <see cref="ConnectAsync"/> starts a bus of the client's own with a temporary,
/// auto-deleted queue bound to every Zun event, and returns only once that queue is bound, so no
/// outcome of a command published afterwards can be missed. Queries are MassTransit requests. One
/// client is meant to be shared: it is safe for concurrent use.
/// </summary>
public sealed class ZunClient : IZunClient
{
    private readonly IBusControl _bus;
    private readonly EventHub _hub;
    private readonly ZunClientOptions _options;

    private ZunClient(IBusControl bus, EventHub hub, ZunClientOptions options)
    {
        _bus = bus;
        _hub = hub;
        _options = options;
    }

    /// <summary>Connects to the broker and binds the client's event queue; throws <see cref="ZunConnectionException"/> when it cannot.</summary>
    public static async Task<ZunClient> ConnectAsync(ZunClientOptions options, CancellationToken cancellationToken = default)
    {
        var rabbit = new RabbitMqOptions { Url = options.Url, Hosts = [.. options.Hosts] };
        var validation = new RabbitMqOptionsValidator().Validate(null, rabbit);
        if (validation.Failed)
            throw new ArgumentException(validation.FailureMessage, nameof(options));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var hub = new EventHub();
        var bus = CreateBus(await NodeReachability.StartingAtAnAnsweringNodeAsync(rabbit, timeout.Token), hub);
        try
        {
            // StartAsync returns once every receive endpoint has bound its exchanges (BusHandle.Ready).
            var handle = await bus.StartAsync(timeout.Token);
            await handle.Ready.WaitAsync(timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await StopQuietly(bus);
            var reason = e is OperationCanceledException ? $"no connection within {options.ConnectTimeout.TotalSeconds:0} s" : e.GetBaseException().Message;
            var where = options.Hosts.Count == 0 ? Redacted(options.Url) : $"{rabbit.Address()} ({Redacted(options.Url)})";
            throw new ZunConnectionException($"cannot connect to RabbitMQ at {where}: {reason}", e);
        }
        catch
        {
            await StopQuietly(bus);
            throw;
        }

        return new ZunClient(bus, hub, options);
    }

    public async Task<OperationOutcome> ExecuteAsync(object command, WaitOptions? wait = null, CancellationToken cancellationToken = default)
    {
        var prepared = PreparedCommand.From(command, _options);
        using var subscription = SubscribeToOperation(prepared.OperationId);
        await _bus.Publish(prepared.Message, prepared.MessageType, cancellationToken);
        return await AwaitOutcome(subscription, prepared.OperationId, wait, cancellationToken);
    }

    public async Task<PublishedOperation> PublishAsync(object command, CancellationToken cancellationToken = default)
    {
        var prepared = PreparedCommand.From(command, _options);
        await _bus.Publish(prepared.Message, prepared.MessageType, cancellationToken);
        return prepared.Published;
    }

    public async Task<OperationAcceptance> SubmitAsync(object command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var prepared = PreparedCommand.From(command, _options);
        using var subscription = SubscribeToOperation(prepared.OperationId);
        await _bus.Publish(prepared.Message, prepared.MessageType, cancellationToken);
        return await AcceptanceWait.ForAsync(subscription, prepared.OperationId, timeout ?? _options.OperationTimeout, cancellationToken);
    }

    public async Task<OperationOutcome> WaitForOutcomeAsync(Guid operationId, WaitOptions? wait = null, CancellationToken cancellationToken = default)
    {
        using var subscription = SubscribeToOperation(operationId);
        var record = await GetOperationAsync(operationId, cancellationToken);
        if (record.Found && OperationOutcome.FromRecord(record.Value) is { } ended)
            return ended;

        return await AwaitOutcome(subscription, operationId, wait, cancellationToken);
    }

    public async Task<JobOutcome> RunJobAsync(RunJob job, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var (prepared, jobId) = PrepareJob(job);
        using var subscription = _hub.Subscribe(e => JobOutcome.From(e.Message, jobId, prepared.OperationId) is not null);
        await _bus.Publish(prepared.Message, prepared.MessageType, cancellationToken);
        return await AwaitJob(subscription, jobId, e => JobOutcome.From(e.Message, jobId, prepared.OperationId), timeout, cancellationToken);
    }

    public async Task<JobOutcome?> SubmitJobAsync(RunJob job, CancellationToken cancellationToken = default)
    {
        var (prepared, jobId) = PrepareJob(job);
        using var subscription = _hub.Subscribe(e => e.Message is JobAccepted accepted && accepted.JobId == jobId
            || JobOutcome.From(e.Message, jobId, prepared.OperationId) is not null);
        await _bus.Publish(prepared.Message, prepared.MessageType, cancellationToken);
        return await AwaitJob(subscription, jobId, e => e.Message is JobAccepted ? null : JobOutcome.From(e.Message, jobId, prepared.OperationId),
            _options.OperationTimeout, cancellationToken, acceptanceEnds: true);
    }

    public async Task<JobOutcome> CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var prepared = PreparedCommand.From(new CancelJob { JobId = jobId }, _options);
        using var subscription = _hub.Subscribe(e => e.Message is OperationRejected r && r.OperationId == prepared.OperationId
            || e.Message is JobCancelled c && c.OperationId == prepared.OperationId);
        await _bus.Publish(prepared.Message, prepared.MessageType, cancellationToken);
        return await AwaitJob(subscription, jobId, e => JobOutcome.From(e.Message, jobId, prepared.OperationId), _options.OperationTimeout, cancellationToken);
    }

    public async Task<QueryResult<JobInfo>> GetJobAsync(GetJob request, CancellationToken cancellationToken = default)
    {
        request = ClientScope.Stamp(request, _options);
        var response = await Ask(request, _options.QueryTimeout, (client, ct) => client.GetResponse<JobInfo, JobNotFound>(request, ct), cancellationToken);
        return response.Is(out Response<JobInfo>? info)
            ? QueryResult<JobInfo>.Of(info.Message)
            : QueryResult<JobInfo>.NotFound($"job {request.JobId} not found");
    }

    public Task<QueryResult<JobList>> ListJobsAsync(ListJobs request, CancellationToken cancellationToken = default) =>
        AskScoped<ListJobs, JobList>(request, cancellationToken);

    public IAsyncEnumerable<ContainerStatusChanged> WatchContainerAsync(Guid containerId, CancellationToken cancellationToken = default)
    {
        var subscription = _hub.Subscribe(e => e.Message is ContainerStatusChanged changed && changed.ContainerId == containerId);
        return subscription.ReadAllAsync(e => (ContainerStatusChanged)e.Message, cancellationToken);
    }

    public IAsyncEnumerable<ZunEvent> WatchEventsAsync(CancellationToken cancellationToken = default)
    {
        var subscription = _hub.Subscribe(_ => true);
        return subscription.ReadAllAsync(e => e, cancellationToken);
    }

    public Task<QueryResult<ContainerInfo>> GetContainerAsync(Guid containerId, CancellationToken cancellationToken = default) =>
        GetContainerAsync(new GetContainer { ContainerId = containerId }, cancellationToken);

    public async Task<QueryResult<ContainerInfo>> GetContainerAsync(GetContainer request, CancellationToken cancellationToken = default)
    {
        request = ClientScope.Stamp(request, _options);
        var response = await Ask(request, _options.QueryTimeout, (client, ct) => client.GetResponse<ContainerInfo, ContainerNotFound>(request, ct), cancellationToken);
        return response.Is(out Response<ContainerInfo>? info)
            ? QueryResult<ContainerInfo>.Of(info.Message)
            : QueryResult<ContainerInfo>.NotFound($"container {request.ContainerId} not found");
    }

    public Task<QueryResult<OperationInfo>> GetOperationAsync(Guid operationId, CancellationToken cancellationToken = default) =>
        GetOperationAsync(new GetOperation { OperationId = operationId }, cancellationToken);

    public async Task<QueryResult<OperationInfo>> GetOperationAsync(GetOperation request, CancellationToken cancellationToken = default)
    {
        request = ClientScope.Stamp(request, _options);
        var response = await Ask(request, _options.QueryTimeout, (client, ct) => client.GetResponse<OperationInfo, OperationNotFound>(request, ct), cancellationToken);
        return response.Is(out Response<OperationInfo>? info)
            ? QueryResult<OperationInfo>.Of(info.Message)
            : QueryResult<OperationInfo>.NotFound($"operation {request.OperationId} not found");
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(ListContainers? filter = null, CancellationToken cancellationToken = default) =>
        (await ListContainerPageAsync(filter ?? new ListContainers(), cancellationToken)).Containers;

    public async Task<ContainerList> ListContainerPageAsync(ListContainers request, CancellationToken cancellationToken = default)
    {
        request = ClientScope.Stamp(request, _options);
        var response = await Ask(request, _options.QueryTimeout, (client, ct) => client.GetResponse<ContainerList>(request, ct), cancellationToken);
        return response.Message;
    }

    public Task<QueryResult<ExecResult>> ExecInContainerAsync(ExecInContainer request, CancellationToken cancellationToken = default)
    {
        // The answer comes once the command has ended or run out of its own time, so wait for that and a margin.
        var runFor = request.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.OperationTimeout;
        var prepared = request with
        {
            OperationId = request.OperationId == Guid.Empty ? Guid.NewGuid() : request.OperationId,
            UserId = request.UserId ?? _options.UserId,
        };
        return AskAboutContainer<ExecInContainer, ExecResult>(prepared, prepared.ContainerId, runFor + _options.QueryTimeout, cancellationToken);
    }

    public Task<QueryResult<ContainerLogs>> GetContainerLogsAsync(GetContainerLogs request, CancellationToken cancellationToken = default) =>
        AskAboutContainer<GetContainerLogs, ContainerLogs>(request, request.ContainerId, _options.QueryTimeout, cancellationToken);

    public Task<QueryResult<ContainerTop>> GetContainerTopAsync(GetContainerTop request, CancellationToken cancellationToken = default) =>
        AskAboutContainer<GetContainerTop, ContainerTop>(request, request.ContainerId, _options.QueryTimeout, cancellationToken);

    public Task<QueryResult<ContainerStats>> GetContainerStatsAsync(GetContainerStats request, CancellationToken cancellationToken = default) =>
        AskAboutContainer<GetContainerStats, ContainerStats>(request, request.ContainerId, _options.QueryTimeout, cancellationToken);

    public Task<QueryResult<ContainerArchive>> GetArchiveAsync(GetArchive request, CancellationToken cancellationToken = default) =>
        AskAboutContainer<GetArchive, ContainerArchive>(request, request.ContainerId, _options.QueryTimeout, cancellationToken);

    public Task<QueryResult<ArchiveExtracted>> PutArchiveAsync(PutArchive request, CancellationToken cancellationToken = default) =>
        request.Data.Length > ArchiveLimits.MaxDataCharacters
            ? Task.FromResult(QueryResult<ArchiveExtracted>.Rejected(
                $"data is {request.Data.Length} characters of base64, more than any worker takes ({ArchiveLimits.MaxDataCharacters}, "
                + $"an archive of {ArchiveLimits.MaxArchiveBytes} bytes, the largest Zun:Worker:MaxArchiveBytes): it would not fit in one RabbitMQ message"))
            : AskAboutContainer<PutArchive, ArchiveExtracted>(request, request.ContainerId, _options.QueryTimeout, cancellationToken);

    public async Task<IReadOnlyList<WorkerHost>> ListHostsAsync(ListHosts? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ListHosts();
        var response = await Ask(request, _options.QueryTimeout, (client, ct) => client.GetResponse<HostList>(request, ct), cancellationToken);
        return response.Message.Hosts;
    }

    public async Task<QueryResult<ServiceState>> ChangeServiceAsync<T>(T command, CancellationToken cancellationToken = default)
        where T : class, IServiceCommand
    {
        var response = await Ask(command, _options.QueryTimeout, (client, ct) => client.GetResponse<ServiceState, RequestRejected>(command, ct), cancellationToken);
        return response.Is(out Response<ServiceState>? state)
            ? QueryResult<ServiceState>.Of(state.Message)
            : QueryResult<ServiceState>.Rejected(response.Is(out Response<RequestRejected>? rejected) ? rejected.Message.Reason : "no answer");
    }

    public Task<QueryResult<QuotaSet>> AskQuotaAsync<T>(T request, CancellationToken cancellationToken = default)
        where T : class, IQuotaRequest =>
        AskScoped<T, QuotaSet>(request, cancellationToken);

    public async Task<QueryResult<VolumeInfo>> AskVolumeAsync<T>(T request, CancellationToken cancellationToken = default)
        where T : class, IVolumeRequest
    {
        request = ClientScope.Stamp(request, _options);

        // A create or delete waits for the volume's host, which the conductor gives up to half a minute by default.
        var timeout = request is GetVolume ? _options.QueryTimeout : _options.QueryTimeout + VolumeHostTimeout;
        var response = await Ask(request, timeout, (client, ct) => client.GetResponse<VolumeInfo, RequestRejected, VolumeNotFound>(request, ct), cancellationToken);
        if (response.Is(out Response<VolumeInfo>? volume))
            return QueryResult<VolumeInfo>.Of(volume.Message);
        return response.Is(out Response<RequestRejected>? rejected)
            ? QueryResult<VolumeInfo>.Rejected(rejected.Message.Reason)
            : QueryResult<VolumeInfo>.NotFound(response.Is(out Response<VolumeNotFound>? missing) ? $"volume '{missing.Message.Volume}' not found" : "volume not found");
    }

    public async Task<IReadOnlyList<VolumeInfo>> ListVolumesAsync(ListVolumes? request = null, CancellationToken cancellationToken = default)
    {
        var scoped = ClientScope.Stamp(request ?? new ListVolumes(), _options);
        var response = await Ask(scoped, _options.QueryTimeout, (client, ct) => client.GetResponse<VolumeList>(scoped, ct), cancellationToken);
        return response.Message.Volumes;
    }

    public Task<QueryResult<QuotaClassSet>> AskQuotaClassAsync<T>(T request, CancellationToken cancellationToken = default)
        where T : class, IQuotaClassRequest =>
        AskScoped<T, QuotaClassSet>(request, cancellationToken);

    public async Task<IReadOnlyList<WorkerHeartbeat>> ListenForHeartbeatsAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var heard = new Dictionary<string, WorkerHeartbeat>(StringComparer.Ordinal);
        var gate = new Lock();
        var handle = _bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition("zun-hosts"), KebabCaseEndpointNameFormatter.Instance, e =>
            e.Handler<WorkerHeartbeat>(context =>
            {
                lock (gate)
                {
                    if (!heard.TryGetValue(context.Message.Host, out var known) || known.Timestamp <= context.Message.Timestamp)
                        heard[context.Message.Host] = context.Message;
                }

                return Task.CompletedTask;
            }));
        try
        {
            await handle.Ready.WaitAsync(_options.ConnectTimeout, cancellationToken);
            await Task.Delay(duration, cancellationToken);
        }
        finally
        {
            await handle.StopAsync(CancellationToken.None);
        }

        lock (gate)
            return [.. heard.Values.OrderBy(h => h.Host, StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        _hub.CompleteAll();
        await StopQuietly(_bus);
    }

    private EventSubscription SubscribeToOperation(Guid operationId) => _hub.Subscribe(e => e.OperationId == operationId);

    private async Task<OperationOutcome> AwaitOutcome(EventSubscription subscription, Guid operationId, WaitOptions? wait, CancellationToken cancellationToken)
    {
        var timeout = wait?.Timeout ?? _options.OperationTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await foreach (var received in subscription.Reader.ReadAllAsync(deadline.Token))
            {
                if (OperationOutcome.FromEvent(received.Message) is { } outcome)
                    return outcome;
                wait?.Progress?.Report(received);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZunTimeoutException(
                $"no outcome of operation {operationId} within {timeout.TotalSeconds:0} s; it may still complete", operationId);
        }

        throw new ObjectDisposedException(nameof(ZunClient), $"the client closed while waiting for operation {operationId}");
    }

    /// <summary>The conductor's default <c>Zun:Volumes:HostTimeoutSeconds</c>, and a little more.</summary>
    private static readonly TimeSpan VolumeHostTimeout = TimeSpan.FromSeconds(35);

    private async Task<QueryResult<T>> AskAboutContainer<TRequest, T>(TRequest request, Guid containerId, TimeSpan timeout, CancellationToken cancellationToken)
        where TRequest : class, ICallerScope
        where T : class
    {
        request = ClientScope.Stamp(request, _options);
        var response = await Ask(request, timeout, (client, ct) => client.GetResponse<T, RequestRejected, ContainerNotFound>(request, ct), cancellationToken);
        if (response.Is(out Response<T>? answer))
            return QueryResult<T>.Of(answer.Message);
        if (response.Is(out Response<RequestRejected>? rejected))
            return QueryResult<T>.Rejected(rejected.Message.Reason);
        return QueryResult<T>.NotFound($"container {containerId} not found");
    }

    /// <summary>A request answered with <typeparamref name="T"/> or <see cref="RequestRejected"/>, acting for the client's scope where it names none.</summary>
    private async Task<QueryResult<T>> AskScoped<TRequest, T>(TRequest request, CancellationToken cancellationToken)
        where TRequest : class, ICallerScope
        where T : class
    {
        request = ClientScope.Stamp(request, _options);
        var response = await Ask(request, _options.QueryTimeout, (client, ct) => client.GetResponse<T, RequestRejected>(request, ct), cancellationToken);
        return response.Is(out Response<T>? answer)
            ? QueryResult<T>.Of(answer.Message)
            : QueryResult<T>.Rejected(response.Is(out Response<RequestRejected>? rejected) ? rejected.Message.Reason : "no answer");
    }

    private (PreparedCommand Prepared, Guid JobId) PrepareJob(RunJob job)
    {
        var jobId = job.JobId == Guid.Empty ? Guid.NewGuid() : job.JobId;
        return (PreparedCommand.From(job with { JobId = jobId }, _options), jobId);
    }

    /// <summary>The first event <paramref name="outcome"/> makes an outcome of (or, with <paramref name="acceptanceEnds"/>, the acceptance: null).</summary>
    private static async Task<JobOutcome> AwaitJob(
        EventSubscription subscription, Guid jobId, Func<ZunEvent, JobOutcome?> outcome, TimeSpan? timeout, CancellationToken cancellationToken, bool acceptanceEnds = false)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
            deadline.CancelAfter(limit);
        try
        {
            await foreach (var received in subscription.Reader.ReadAllAsync(deadline.Token))
            {
                if (outcome(received) is { } ended)
                    return ended;
                if (acceptanceEnds)
                    return null!;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZunTimeoutException($"job {jobId} did not end within {timeout!.Value.TotalSeconds:0.#} s");
        }

        throw new ObjectDisposedException(nameof(ZunClient), $"the client closed while waiting for job {jobId}");
    }

    private async Task<TResponse> Ask<TRequest, TResponse>(
        TRequest request, TimeSpan timeout, Func<IRequestClient<TRequest>, CancellationToken, Task<TResponse>> ask, CancellationToken cancellationToken)
        where TRequest : class
    {
        var client = _bus.CreateRequestClient<TRequest>(RequestTimeout.After(ms: (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds)));
        try
        {
            return await ask(client, cancellationToken);
        }
        catch (RequestTimeoutException e)
        {
            throw new ZunTimeoutException($"no answer to {typeof(TRequest).Name} within {timeout.TotalSeconds:0} s", inner: e);
        }
    }

    private static IBusControl CreateBus(RabbitMqOptions rabbit, EventHub hub) =>
        Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.UseZunRabbitMqHost(rabbit);

            // One message at a time, so that subscribers see a container's events in the order Zun published them.
            cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("zun-client", concurrentMessageLimit: 1, prefetchCount: 64), KebabCaseEndpointNameFormatter.Instance, e =>
            {
                Deliver<OperationAccepted>(e, hub);
                Deliver<OperationDispatched>(e, hub);
                Deliver<OperationCompleted>(e, hub);
                Deliver<OperationFailed>(e, hub);
                Deliver<OperationRejected>(e, hub);
                Deliver<OperationTimedOut>(e, hub);
                Deliver<ContainerStatusChanged>(e, hub);
                Deliver<ImagePulled>(e, hub);
                Deliver<ImagePullFailed>(e, hub);
                Deliver<JobAccepted>(e, hub);
                Deliver<JobStarted>(e, hub);
                Deliver<JobAttemptFailed>(e, hub);
                Deliver<JobSucceeded>(e, hub);
                Deliver<JobFailed>(e, hub);
                Deliver<JobTimedOut>(e, hub);
                Deliver<JobCancelled>(e, hub);
            });
        });

    private static void Deliver<T>(IReceiveEndpointConfigurator endpoint, EventHub hub)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            hub.Deliver(context.Message);
            return Task.CompletedTask;
        });

    private static async Task StopQuietly(IBusControl bus)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await bus.StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or MassTransitException or InvalidOperationException)
        {
            // Closing a client that never connected, or whose broker went away, has nothing left to clean up.
        }
    }

    /// <summary>The URL without its password, for messages.</summary>
    internal static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.UserInfo.Contains(':', StringComparison.Ordinal)
            ? new UriBuilder(parsed) { Password = "***" }.Uri.ToString()
            : url;
}
