using MassTransit;
using Zun.Contracts;

namespace Zun.Conductor.Notifications;

/// <summary>
/// Makes an OpenStack notification of every operation event, after the event was published: the
/// typed events are the single source, so MassTransit subscribers and oslo listeners never disagree.
/// The notification's message_id is the event's MessageId, so a redelivered event notifies under the same id.
/// </summary>
internal sealed class OperationNotificationConsumer(INotificationPublisher publisher) :
    IConsumer<OperationAccepted>,
    IConsumer<OperationCompleted>,
    IConsumer<OperationFailed>,
    IConsumer<OperationRejected>,
    IConsumer<OperationTimedOut>
{
    public Task Consume(ConsumeContext<OperationAccepted> context) =>
        publisher.Publish(NotificationMapper.From(context.Message, MessageId(context)), context.CancellationToken);

    public Task Consume(ConsumeContext<OperationCompleted> context) =>
        publisher.Publish(NotificationMapper.From(context.Message, MessageId(context)), context.CancellationToken);

    public Task Consume(ConsumeContext<OperationFailed> context) =>
        publisher.Publish(NotificationMapper.From(context.Message, MessageId(context)), context.CancellationToken);

    public Task Consume(ConsumeContext<OperationRejected> context) =>
        publisher.Publish(NotificationMapper.From(context.Message, MessageId(context)), context.CancellationToken);

    public Task Consume(ConsumeContext<OperationTimedOut> context) =>
        publisher.Publish(NotificationMapper.From(context.Message, MessageId(context)), context.CancellationToken);

    private static Guid MessageId(ConsumeContext context) => context.MessageId ?? NewId.NextGuid();
}
