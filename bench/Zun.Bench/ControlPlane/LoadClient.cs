using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Zun.Contracts;
using Zun.Hosting;

namespace Zun.Bench.ControlPlane;

/// <summary>
/// The load generator's connection: a MassTransit bus with Zun's client settings (publisher confirms), publishing
/// commands and hearing only the terminal events on a temporary queue of its own. Zun.Client subscribes to every
/// event; the load generator shares the machine with what it measures, so it takes only what it needs.
/// </summary>
internal sealed class LoadClient : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentDictionary<Guid, PendingOperation> _pending;
    private long _publishFailures;

    private LoadClient(IBusControl bus, ConcurrentDictionary<Guid, PendingOperation> pending)
    {
        _bus = bus;
        _pending = pending;
    }

    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <param name="hearDispatched">Also hear <c>OperationDispatched</c>, to tell the conductor's part of the latency from the worker's.</param>
    public static async Task<LoadClient> ConnectAsync(string rabbitUrl, bool hearDispatched = false)
    {
        var pending = new ConcurrentDictionary<Guid, PendingOperation>();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.UseZunRabbitMqHost(new RabbitMqOptions { Url = rabbitUrl });
            cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("zun-bench", concurrentMessageLimit: 8, prefetchCount: 512), KebabCaseEndpointNameFormatter.Instance, e =>
            {
                Ends<OperationCompleted>(e, pending, m => m.OperationId);
                Ends<OperationFailed>(e, pending, m => m.OperationId);
                Ends<OperationRejected>(e, pending, m => m.OperationId);
                Ends<OperationTimedOut>(e, pending, m => m.OperationId);
                if (hearDispatched)
                {
                    e.Handler<OperationDispatched>(context =>
                    {
                        if (pending.TryGetValue(context.Message.OperationId, out var operation))
                            operation.Dispatched(Stopwatch.GetTimestamp());
                        return Task.CompletedTask;
                    });
                }
            });
        });

        var handle = await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await handle.Ready;
        return new LoadClient(bus, pending);
    }

    /// <summary>Publishes a create (with run) and returns what tracks it; a failed publish ends it as PublishFailed.</summary>
    public PendingOperation Send(long dueTimestamp, string image, string[] command, string projectId)
    {
        var create = new CreateContainer
        {
            OperationId = NewId.NextGuid(),
            ContainerId = NewId.NextGuid(),
            Image = image,
            Command = command,
            Run = true,
            ProjectId = projectId,
            UserId = "zun-bench",
            Labels = new Dictionary<string, string> { ["zun.bench"] = "true" },
        };
        var pending = new PendingOperation(create.OperationId, dueTimestamp);
        _pending[create.OperationId] = pending;
        _ = PublishAsync(create, pending);
        return pending;
    }

    /// <summary>Asks the conductor a query on the same connection, as Zun.Client does (a request published, its response on the bus's own queue).</summary>
    public async Task<TResponse> Ask<TRequest, TResponse>(TRequest request, TimeSpan timeout)
        where TRequest : class
        where TResponse : class =>
        (await _bus.Request<TRequest, TResponse>(request, timeout: RequestTimeout.After(ms: (int)timeout.TotalMilliseconds))).Message;

    public async ValueTask DisposeAsync() => await _bus.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    private async Task PublishAsync(CreateContainer create, PendingOperation pending)
    {
        try
        {
            await _bus.Publish(create);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _publishFailures);
            _pending.TryRemove(pending.OperationId, out _);
            pending.End("PublishFailed", Stopwatch.GetTimestamp());
        }
    }

    private static void Ends<T>(IReceiveEndpointConfigurator e, ConcurrentDictionary<Guid, PendingOperation> pending, Func<T, Guid> operationId)
        where T : class =>
        e.Handler<T>(context =>
        {
            var now = Stopwatch.GetTimestamp();
            if (pending.TryRemove(operationId(context.Message), out var operation))
                operation.End(typeof(T).Name, now);
            return Task.CompletedTask;
        });
}
