using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Heartbeats;

/// <summary>
/// Tells the conductors that this worker is alive, what it has room for and whether it can reach its engine. The
/// first heartbeat goes out before the host reports started, so a ready worker is already known to be placeable.
/// </summary>
internal sealed partial class HeartbeatPublisher(
    IBus bus,
    IContainerRuntime runtime,
    HostPlatformCache platform,
    EngineOutage engine,
    IOptions<WorkerOptions> options,
    IOptions<DockerOptions> dockerOptions,
    TimeProvider clock,
    ILogger<HeartbeatPublisher> logger) : BackgroundService
{
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();
    private HostCapacity? _capacity;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await platform.RefreshAsync(cancellationToken);
            await Beat(cancellationToken);
        }
        catch (ContainerRuntimeException e)
        {
            throw new InvalidOperationException(
                $"The Docker engine at {DockerOptions.Section}:Endpoint = {dockerOptions.Value.Endpoint} did not answer: {e.Message}", e);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A publish waits for the broker's confirmation, and one sent as the worker's node goes away may never get it:
            // each beat gets an interval of its own to finish in, so that the next one goes out on the new connection.
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            beat.CancelAfter(BeatTimeout);
            try
            {
                await Beat(beat.Token);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A missed beat is survivable; the conductor only stops placing here after several.
                LogBeatFailed(logger, e.Message);
            }
        }
    }

    private TimeSpan BeatTimeout => TimeSpan.FromSeconds(Math.Max(5, options.Value.HeartbeatIntervalSeconds));

    private async Task Beat(CancellationToken cancellationToken)
    {
        var worker = options.Value;
        var capacity = await ReadCapacity(worker.Host, cancellationToken);
        await bus.Publish(new WorkerHeartbeat
        {
            Host = worker.Host,
            Endpoint = worker.EndpointName,
            Cpus = capacity.Cpus,
            MemoryMb = capacity.MemoryMb,
            RunningContainers = capacity.RunningContainers,
            TotalContainers = capacity.TotalContainers,
            AvailabilityZone = worker.AvailabilityZone,
            Labels = LabelsOf(worker, platform.Current),
            Platform = platform.Current,
            EngineUnreachableSince = engine.UnreachableSince,
            StartedAt = _startedAt,
            Timestamp = clock.GetUtcNow(),
        }, cancellationToken);
    }

    /// <summary>The engine's labels with the operator's of the same key over them.</summary>
    private static Dictionary<string, string> LabelsOf(WorkerOptions worker, HostPlatform? platform)
    {
        var labels = new Dictionary<string, string>(platform?.Labels ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in worker.Labels)
            labels[key] = value;
        return labels;
    }

    /// <summary>
    /// The host's capacity now, or while the engine cannot be reached, as it was last read: the worker is still alive and
    /// its heartbeat must say so, and that the engine is away.
    /// </summary>
    private async Task<HostCapacity> ReadCapacity(string host, CancellationToken cancellationToken)
    {
        try
        {
            _capacity = await runtime.GetCapacityAsync(host, cancellationToken);
            engine.Answered();
        }
        catch (ContainerRuntimeException e) when (e.EngineUnreachable && _capacity is not null)
        {
            engine.Lost(e);
        }

        return _capacity!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat not sent: {Reason}")]
    private static partial void LogBeatFailed(ILogger logger, string reason);
}
