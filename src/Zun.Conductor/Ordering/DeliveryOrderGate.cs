using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Zun.Conductor.Ordering;

/// <summary>
/// Lets the deliveries of one RabbitMQ consumer into the endpoint's pipeline one at a time, in the order the broker
/// delivered them, until each has taken its place in its container's partition (<see cref="OrderedPartitionFilter{T}"/>).
/// RabbitMQ delivers a queue in publication order, but the endpoint runs up to its concurrency limit of deliveries on
/// as many threads, so without this two commands for one container published back to back could reach the container's
/// partition in the other order. Only the short stretch from receipt to the partition is serialised; the work itself
/// still runs concurrently for different containers.
/// </summary>
/// <remarks>
/// A delivery waits for the one the broker numbered before it on the same channel. Should that one never come through
/// the pipeline (MassTransit drops a delivery while the endpoint stops), the wait ends after
/// <see cref="MaxWait"/>, with a warning, and order is kept from there on. A delivery that cannot say which consumer
/// it came through is not held at all: it goes on, in whatever order it arrives.
/// </remarks>
internal sealed partial class DeliveryOrderGate(ILogger<DeliveryOrderGate> logger) : IFilter<ReceiveContext>
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, DeliverySequence> _sequences = new();

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        if (context is not RabbitMqBasicConsumeContext delivery)
        {
            await next.Send(context);
            return;
        }

        // MassTransit learns a consumer's tag only once the broker has confirmed the consumer, and after a reconnect the
        // first deliveries can come before that: with no sequence to take a turn in, such a delivery goes straight on.
        if (delivery.ConsumerTag is not { } consumerTag)
        {
            LogUnsequenced(logger, delivery.DeliveryTag, context.InputAddress);
            await next.Send(context);
            return;
        }

        // Delivery tags count the deliveries of one channel, and each consumer has a channel of its own.
        var sequence = _sequences.GetOrAdd(consumerTag, _ => new DeliverySequence());
        var turn = new DeliveryTurn(sequence, delivery.DeliveryTag);
        try
        {
            if (!await sequence.WaitForTurn(delivery.DeliveryTag, MaxWait, context.CancellationToken))
                LogGap(logger, delivery.DeliveryTag, context.InputAddress, MaxWait.TotalSeconds);

            context.GetOrAddPayload(() => turn);
            await next.Send(context);
        }
        finally
        {
            // Deliveries that never reached a partition (not for a container, or refused before) end their turn here.
            turn.End();
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("deliveryOrder");

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Delivery {DeliveryTag} on {InputAddress} waited {Seconds} s for the one before it, which never came through; going on")]
    private static partial void LogGap(ILogger logger, ulong deliveryTag, Uri inputAddress, double seconds);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Delivery {DeliveryTag} on {InputAddress} came before its consumer's tag was known (after a reconnect); it goes on without waiting for its turn")]
    private static partial void LogUnsequenced(ILogger logger, ulong deliveryTag, Uri inputAddress);
}
