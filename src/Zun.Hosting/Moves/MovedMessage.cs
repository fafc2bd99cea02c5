using MassTransit;
using MassTransit.Context;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;

namespace Zun.Hosting.Moves;

/// <summary>A received message as a move transport should see it: its AMQP properties without the <c>user_id</c>.</summary>
/// <remarks>
/// The move transports copy the properties from the <see cref="RabbitMqBasicConsumeContext"/> payload, so that one
/// payload is answered with a copy; everything else is the received message's own.
/// </remarks>
internal class MovedMessage(ReceiveContext received) : ReceiveContextProxy(received)
{
    /// <summary>The header that keeps the <c>user_id</c> the message was published with.</summary>
    public const string PublisherHeader = "zun-published-by";

    private RabbitMqBasicConsumeContext? _delivery;

    public override bool TryGetPayload<TPayload>(out TPayload payload)
        where TPayload : class
    {
        if (typeof(TPayload) == typeof(RabbitMqBasicConsumeContext) && base.TryGetPayload(out RabbitMqBasicConsumeContext? delivery))
        {
            _delivery ??= new DeliveryWithoutUserId(delivery!);
            payload = (TPayload)_delivery;
            return true;
        }

        return base.TryGetPayload(out payload);
    }

    private sealed class DeliveryWithoutUserId(RabbitMqBasicConsumeContext delivery) : RabbitMqBasicConsumeContext
    {
        public string Exchange => delivery.Exchange;
        public string RoutingKey => delivery.RoutingKey!;
        public string ConsumerTag => delivery.ConsumerTag;
        public ulong DeliveryTag => delivery.DeliveryTag;
        public IReadOnlyBasicProperties Properties { get; } = WithoutUserId(delivery.Properties);

        private static BasicProperties WithoutUserId(IReadOnlyBasicProperties original)
        {
            var properties = new BasicProperties(original) { UserId = null };
            if (original.UserId is { } publisher)
            {
                properties.Headers = new Dictionary<string, object?>(original.Headers ?? new Dictionary<string, object?>(), StringComparer.OrdinalIgnoreCase)
                {
                    [PublisherHeader] = publisher,
                };
            }

            return properties;
        }
    }
}
