using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Zun.Conductor.Scheduling;

/// <summary>
/// Fires due schedules: claims them in the store under a lease, sends each to its destination with
/// the MT-Scheduling-TokenId header (so a state machine can tell a stale schedule from its current
/// one), then removes it. A crash between send and removal fires the schedule again after the lease,
/// which is why every scheduled message is handled idempotently.
/// </summary>
internal sealed partial class ScheduledMessageDispatcher(
    IScheduleStore store,
    IBus bus,
    SchedulableMessageTypes types,
    ScheduleSignal signal,
    IOptions<SchedulerOptions> options,
    TimeProvider clock,
    ILogger<ScheduledMessageDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var poll = TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var fired = await FireDue(settings, stoppingToken);
                if (fired == settings.BatchSize)
                    continue;

                await signal.WaitAsync(await UntilNextDue(poll, stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store or the broker is unavailable for now; the schedules stay in the store.
                LogRoundFailed(logger, e);
                await Task.Delay(poll, clock, stoppingToken);
            }
        }
    }

    private async Task<int> FireDue(SchedulerOptions settings, CancellationToken cancellationToken)
    {
        var due = await store.ClaimDue(clock.GetUtcNow(), _owner, TimeSpan.FromSeconds(settings.LeaseSeconds), settings.BatchSize, cancellationToken);
        foreach (var schedule in due)
        {
            await Fire(schedule, cancellationToken);
            await store.Complete(schedule.TokenId, _owner, cancellationToken);
        }

        return due.Count;
    }

    private async Task Fire(ScheduledMessageRecord schedule, CancellationToken cancellationToken)
    {
        if (!types.TryResolve(schedule.MessageType, out var type))
        {
            LogUnknownType(logger, schedule.TokenId, schedule.MessageType);
            return;
        }

        var message = JsonSerializer.Deserialize(schedule.PayloadJson, type, SystemTextJsonMessageSerializer.Options)
            ?? throw new InvalidOperationException($"schedule {schedule.TokenId} has an empty payload");
        var endpoint = await bus.GetSendEndpoint(schedule.Destination);
        await endpoint.Send(message, type, Pipe.Execute<SendContext>(c => c.Headers.Set(MessageHeaders.SchedulingTokenId, schedule.TokenId.ToString("D"))), cancellationToken);
        LogFired(logger, schedule.TokenId, schedule.MessageType, clock.GetUtcNow() - schedule.DueAt);
    }

    private async Task<TimeSpan> UntilNextDue(TimeSpan poll, CancellationToken cancellationToken)
    {
        var next = await store.NextDueAt(cancellationToken);
        if (next is null)
            return poll;

        var wait = next.Value - clock.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : wait < poll ? wait : poll;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fired {TokenId} ({MessageType}), {Late} after its time")]
    private static partial void LogFired(ILogger logger, Guid tokenId, string messageType, TimeSpan late);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {TokenId} has message type {MessageType}, which Zun does not schedule; dropping it")]
    private static partial void LogUnknownType(ILogger logger, Guid tokenId, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
