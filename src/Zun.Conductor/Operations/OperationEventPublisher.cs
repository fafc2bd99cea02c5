using System.Runtime.CompilerServices;
using MassTransit;
using MassTransit.Middleware.InMemoryOutbox;
using Zun.Conductor.Notifications;
using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>
/// Publishes the events of operations (containers' and image pulls') and, with each, writes the operation's record
/// and sends its OpenStack notification, in that order: a client that hears an event finds the record saying as much,
/// and oslo listeners hear what MassTransit subscribers hear. All three wait, like every message of the consume, until
/// the state machine's instance is saved (the outbox), and go out in the order they were produced.
/// </summary>
public sealed class OperationEventPublisher(IOperationJournal journal, INotificationPublisher notifications, OperationMetrics metrics)
{
    private readonly ConditionalWeakTable<OutboxContext, PendingRecordChanges> _pendingByOutbox = new();

    /// <summary>
    /// Publishes one event a state machine raised: an operation event with its record and notification, or a container's
    /// status change as it is.
    /// </summary>
    public Task Publish(ConsumeContext context, object raised) => raised switch
    {
        OperationAccepted e => Accepted(context, e),
        OperationDispatched e => Dispatched(context, e),
        OperationCompleted e => Completed(context, e),
        OperationFailed e => Failed(context, e),
        OperationTimedOut e => TimedOut(context, e),
        OperationRejected e => Rejected(context, e),
        ContainerStatusChanged e => context.Publish(e, context.CancellationToken),
        _ => throw new ArgumentException($"{raised.GetType().Name} is not an event Zun publishes", nameof(raised)),
    };

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

    /// <summary>
    /// The refusal of a command whose operation id stands for another operation (<see cref="OperationClaims"/>). The
    /// record is that other operation's, so it is left alone, and the message id is derived from the refused command:
    /// a subscriber that drops repeated ids hears the refusal, and the other operation's own rejection, if it has one.
    /// </summary>
    public Task RejectedAsTaken(ConsumeContext context, OperationRejected e, OperationClaim refused) =>
        Publish(context, e.OperationId, e, recordChange: null, NotificationMapper.From, $"{nameof(OperationRejected)}/{refused.Fingerprint}");

    /// <summary>
    /// Publishes an event that has no operation record of its own (a batch job's), with a message id derived from
    /// <paramref name="subjectId"/> and <paramref name="eventKind"/>, and its notification, after the save like the rest.
    /// </summary>
    public Task PublishUnrecorded<T>(ConsumeContext context, Guid subjectId, string eventKind, T message, Func<T, Guid, OsloNotification>? toNotification)
        where T : class =>
        Publish(context, subjectId, message, recordChange: null, toNotification, eventKind);

    private async Task Publish<T>(
        ConsumeContext context, Guid operationId, T message, Func<T, Action<TrackedOperation>>? recordChange,
        Func<T, Guid, OsloNotification>? toNotification, string? eventKind = null)
        where T : class
    {
        var cancellationToken = context.CancellationToken;
        if (recordChange is not null)
            await RecordAfterSave(context, operationId, recordChange(message));

        // The same id whenever this event of this operation is published, and the notification carries it too.
        var messageId = EventIds.For(operationId, eventKind ?? typeof(T).Name);
        await context.Publish(message, c => c.MessageId = messageId, cancellationToken);
        if (toNotification is not null)
            await AfterSave(context, () => notifications.Publish(toNotification(message, messageId), cancellationToken));
    }

    /// <summary>
    /// Queues the change of the record behind what the consume has produced so far. Changes of one operation in one consume
    /// (a create accepted and dispatched at once) are written together, when the first of them comes up.
    /// </summary>
    private Task RecordAfterSave(ConsumeContext context, Guid operationId, Action<TrackedOperation> change)
    {
        if (!context.TryGetPayload<OutboxContext>(out var outbox))
            return WriteRecord(operationId, change, context.CancellationToken);

        // Keyed by the outbox, which each attempt of a retried consume gets anew: an attempt that failed leaves nothing behind.
        var pending = _pendingByOutbox.GetValue(outbox, _ => new PendingRecordChanges());
        return pending.Add(operationId, change)
            ? outbox.Add(() => WriteRecord(operationId, pending.Take(operationId), context.CancellationToken))
            : Task.CompletedTask;
    }

    /// <summary>Writes the change and counts the operation if this write is the one that ended it (not a replay's).</summary>
    private async Task WriteRecord(Guid operationId, Action<TrackedOperation> change, CancellationToken cancellationToken)
    {
        var ended = false;
        var record = await journal.Record(operationId, r =>
        {
            // Run again for each attempt of the write, so the attempt that was written decides.
            var hadEnded = r.HasEnded();
            change(r);
            ended = !hadEnded && r.HasEnded();
        }, cancellationToken);

        if (ended)
            metrics.Ended(record);
    }

    /// <summary>Runs <paramref name="action"/> where the outbox sends the consume's messages, in the order added.</summary>
    private static Task AfterSave(ConsumeContext context, Func<Task> action) =>
        context.TryGetPayload<OutboxContext>(out var outbox) ? outbox.Add(action) : action();
}
