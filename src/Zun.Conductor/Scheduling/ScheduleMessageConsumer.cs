using System.Text.Json;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.Logging;

namespace Zun.Conductor.Scheduling;

/// <summary>
/// The scheduler endpoint: takes MassTransit's <see cref="ScheduleMessage"/> and
/// <see cref="CancelScheduledMessage"/> (as sent by <c>ScheduleSend</c>) and keeps them in the store.
/// </summary>
internal sealed partial class ScheduleMessageConsumer(
    IScheduleStore store,
    ScheduleSignal signal,
    ILogger<ScheduleMessageConsumer> logger) : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
{
    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var request = context.Message;
        var messageType = request.PayloadType.FirstOrDefault()
            ?? throw new InvalidOperationException($"schedule {request.CorrelationId} names no message type");
        var payload = request.Payload is JsonElement json ? json.GetRawText() : JsonSerializer.Serialize(request.Payload);
        var dueAt = new DateTimeOffset(DateTime.SpecifyKind(request.ScheduledTime, DateTimeKind.Utc));

        await store.Add(new ScheduledMessageRecord(request.CorrelationId, request.Destination, messageType, payload, dueAt), context.CancellationToken);
        LogScheduled(logger, request.CorrelationId, messageType, dueAt);
        signal.Notify(dueAt);
    }

    public Task Consume(ConsumeContext<CancelScheduledMessage> context) =>
        store.Cancel(context.Message.TokenId, context.CancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduled {TokenId} ({MessageType}) for {DueAt:O}")]
    private static partial void LogScheduled(ILogger logger, Guid tokenId, string messageType, DateTimeOffset dueAt);
}
