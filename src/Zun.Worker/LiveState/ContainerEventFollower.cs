using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.LiveState;

/// <summary>
/// Follows Docker's event stream for this host's Zun containers and publishes a <see cref="ContainerObserved"/> for
/// each change, whoever made it: an exit, an OOM kill, a restart by policy, <c>docker kill</c> or <c>docker rm</c>.
/// When the stream ends or fails it reconnects with backoff, resuming from the last event seen (the engine replays
/// what it still holds), and publishes the host's inventory after every connect so that nothing missed stays missed.
/// </summary>
internal sealed partial class ContainerEventFollower(
    IBus bus,
    IContainerRuntime runtime,
    HostInventoryPublisher inventory,
    OwnActionEchoes echoes,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<ContainerEventFollower> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Containers Docker reported an <c>oom</c> for since they last started (read and written by the follow loop only).</summary>
    private readonly HashSet<Guid> _outOfMemory = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var host = options.Value.Host;
        DateTimeOffset? lastSeen = null;
        var retryDelay = FirstRetryDelay;
        while (true)
        {
            try
            {
                // The engine's clock, not ours: event times and `since` are read on it.
                var since = lastSeen ?? await runtime.GetEngineTimeAsync(stoppingToken);
                var events = runtime.WatchEventsAsync(host, since, stoppingToken);

                // Taken after `since`, so whatever changes meanwhile is either in the list or replayed as an event.
                await inventory.PublishAsync(stoppingToken);
                LogFollowing(logger, host, since);

                await foreach (var runtimeEvent in events)
                {
                    if (runtimeEvent.Time <= lastSeen)
                        continue; // replayed after a reconnect, and already published

                    await Observe(host, runtimeEvent, stoppingToken);
                    lastSeen = runtimeEvent.Time;
                    retryDelay = FirstRetryDelay;
                }

                LogStreamEnded(logger, retryDelay);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogStreamFailed(logger, e.Message, retryDelay);
            }

            try
            {
                await Task.Delay(retryDelay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task Observe(string host, RuntimeEvent runtimeEvent, CancellationToken cancellationToken)
    {
        if (echoes.TryClaim(runtimeEvent.ContainerId, runtimeEvent.Action))
        {
            OutOfMemoryReason(runtimeEvent, container: null, exitCode: null); // still clears the OOM mark on a start
            return;
        }

        // Reported as Docker has the container now, which may already be past the event (a policy restart after a die).
        var container = runtimeEvent.Action == "destroy" ? null : await runtime.InspectAsync(runtimeEvent.ContainerId, cancellationToken);
        var exitCode = (runtimeEvent.Action == "die" ? runtimeEvent.ExitCode : null) ?? container?.ExitCode;
        await bus.Publish(
            new ContainerObserved
            {
                ContainerId = runtimeEvent.ContainerId,
                Host = host,
                Event = runtimeEvent.Action,
                Status = container?.Status,
                ExitCode = exitCode,
                StatusReason = container?.StatusReason ?? OutOfMemoryReason(runtimeEvent, container, exitCode),
                Health = container?.Health,
                Vanished = container is null,
                AutoRemove = container?.AutoRemove ?? runtimeEvent.AutoRemove,
                ObservedAt = clock.GetUtcNow(),
            },
            cancellationToken);
    }

    /// <summary>
    /// Docker marks a container OOMKilled only when it handles the kernel's OOM notice before the exit, and sometimes
    /// handles them the other way round: an <c>oom</c> since the last start and a stop by SIGKILL (137) say the same.
    /// </summary>
    private string? OutOfMemoryReason(RuntimeEvent runtimeEvent, RuntimeContainer? container, int? exitCode)
    {
        switch (runtimeEvent.Action)
        {
            case "oom":
                _outOfMemory.Add(runtimeEvent.ContainerId);
                break;
            case "start" or "destroy":
                _outOfMemory.Remove(runtimeEvent.ContainerId);
                break;
        }

        return container is { Running: false, Status: not ContainerStatus.Paused } && exitCode == 137 && _outOfMemory.Contains(runtimeEvent.ContainerId)
            ? "OOMKilled"
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Following Docker events for host {Host} from {Since:O}")]
    private static partial void LogFollowing(ILogger logger, string host, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Docker's event stream ended; reconnecting in {Delay}")]
    private static partial void LogStreamEnded(ILogger logger, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Docker's event stream failed: {Reason}; reconnecting in {Delay}")]
    private static partial void LogStreamFailed(ILogger logger, string reason, TimeSpan delay);
}
