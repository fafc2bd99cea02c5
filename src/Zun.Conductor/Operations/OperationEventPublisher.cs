using MassTransit;
using MassTransit.Middleware.InMemoryOutbox;
using Zun.Conductor.Notifications;
using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>
/// Publishes the events of operations (containers' and image pulls') and, with each, writes the operation's record
/// and sends its OpenStack notification, in that order: a client that hears an event finds the record saying as much,
/// and oslo listeners hear what MassTransit subscribers hear. All three wait, like every message of the consume, until
/// the state machine's instance is saved (the endpoint's outbox), and go out in the order they were produced.
/// </summary>
public sealed class OperationEventPublisher(IOperationJournal journal, INotificationPublisher notifications)
{
    public Task Accepted(ConsumeContext context, OperationAccepted e) =>
        Publish(context, e.OperationId, e, OperationRecordChanges.Of, NotificationMapper.From);

    /// <summary>Recorded, not notified: OpenStack has no notification for work handed to a host.</summary>
    public Task Dispatched(ConsumeContext context, OperationDispatched e) =>
        Publish(context, e.OperationId, e, OperationRecordChanges.Of, toNotification: null);

    public Task Completed(ConsumeContext context, OperationCompleted e) =>
        Publish(context, e.OperationId, e, OperationRecordChanges.Of, NotificationMapper.From);

    public Task Failed(ConsumeContext context, OperationFailed e) =>
        Publish(context, e.OperationId, e, OperationRecordChanges.Of, NotificationMapper.From);

    public Task TimedOut(ConsumeContext context, OperationTimedOut e) =>
        Publish(context, e.OperationId, e, OperationRecordChanges.Of, NotificationMapper.From);

    public Task Rejected(ConsumeContext context, OperationRejected e) =>
        Publish(context, e.OperationId, e, OperationRecordChanges.Of, NotificationMapper.From);

    private async Task Publish<T>(
        ConsumeContext context, Guid operationId, T message, Func<T, Action<TrackedOperation>> recordChange,
        Func<T, Guid, OsloNotification>? toNotification)
        where T : class
    {
        var cancellationToken = context.CancellationToken;
        await AfterSave(context, () => journal.Record(operationId, recordChange(message), cancellationToken));

        // The notification carries the event's message id: listeners that dedupe on it see a replayed event as new,
        // as MassTransit subscribers do.
        var messageId = NewId.NextGuid();
        await context.Publish(message, c => c.MessageId = messageId, cancellationToken);
        if (toNotification is not null)
            await AfterSave(context, () => notifications.Publish(toNotification(message, messageId), cancellationToken));
    }

    /// <summary>Runs <paramref name="action"/> where the outbox sends the consume's messages, in the order added.</summary>
    private static Task AfterSave(ConsumeContext context, Func<Task> action) =>
        context.TryGetPayload<OutboxContext>(out var outbox) ? outbox.Add(action) : action();
}
