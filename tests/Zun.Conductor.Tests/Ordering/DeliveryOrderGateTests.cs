using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Zun.Conductor.Ordering;

namespace Zun.Conductor.Tests.Ordering;

/// <summary>The gate in front of the container machine's partitions, fed RabbitMQ deliveries made up here.</summary>
public sealed class DeliveryOrderGateTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_delivery_whose_consumer_tag_is_not_known_yet_goes_through_the_gate()
    {
        var gate = new DeliveryOrderGate(NullLogger<DeliveryOrderGate>.Instance);
        var passed = new PassedDeliveries();

        await gate.Send(FakeDelivery.Create(consumerTag: null, deliveryTag: 7), passed).WaitAsync(Long, Ct);

        Assert.Equal([7UL], passed.Tags);
    }

    [Fact]
    public async Task Deliveries_of_one_consumer_still_pass_in_the_order_the_broker_numbered_them()
    {
        var gate = new DeliveryOrderGate(NullLogger<DeliveryOrderGate>.Instance);
        var passed = new PassedDeliveries();
        await gate.Send(FakeDelivery.Create("consumer-a", 1), passed);

        var third = gate.Send(FakeDelivery.Create("consumer-a", 3), passed);
        await gate.Send(FakeDelivery.Create("consumer-a", 2), passed).WaitAsync(Long, Ct);
        await third.WaitAsync(Long, Ct);

        Assert.Equal([1UL, 2UL, 3UL], passed.Tags);
    }

    private sealed class PassedDeliveries : IPipe<ReceiveContext>
    {
        private readonly List<ulong> _tags = [];

        public IReadOnlyList<ulong> Tags
        {
            get
            {
                lock (_tags)
                    return [.. _tags];
            }
        }

        public Task Send(ReceiveContext context)
        {
            lock (_tags)
                _tags.Add(((RabbitMqBasicConsumeContext)context).DeliveryTag);
            return Task.CompletedTask;
        }

        public void Probe(ProbeContext context)
        {
        }
    }
}

/// <summary>What MassTransit's RabbitMQ receive context is to the gate: a receive context that names its delivery.</summary>
public interface IRabbitMqDelivery : ReceiveContext, RabbitMqBasicConsumeContext;

/// <summary>
/// A RabbitMQ delivery with only what the gate reads (consumer tag, delivery tag, input address, payloads); every other
/// member answers its type's default.
/// </summary>
public class FakeDelivery : DispatchProxy
{
    private readonly Dictionary<Type, object> _payloads = [];
    private string? _consumerTag;
    private ulong _deliveryTag;

    public static IRabbitMqDelivery Create(string? consumerTag, ulong deliveryTag)
    {
        var delivery = DispatchProxy.Create<IRabbitMqDelivery, FakeDelivery>();
        var fake = (FakeDelivery)(object)delivery;
        (fake._consumerTag, fake._deliveryTag) = (consumerTag, deliveryTag);
        return delivery;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name switch
        {
            "get_ConsumerTag" => _consumerTag,
            "get_DeliveryTag" => _deliveryTag,
            "get_InputAddress" => new Uri("rabbitmq://localhost/zun-conductor"),
            "get_CancellationToken" => CancellationToken.None,
            "GetOrAddPayload" => GetOrAddPayload(targetMethod.GetGenericArguments()[0], args![0]!),
            _ => targetMethod.ReturnType.IsValueType && targetMethod.ReturnType != typeof(void)
                ? Activator.CreateInstance(targetMethod.ReturnType)
                : null,
        };
    }

    private object GetOrAddPayload(Type type, object factory)
    {
        lock (_payloads)
        {
            if (!_payloads.TryGetValue(type, out var payload))
                _payloads[type] = payload = ((Delegate)factory).DynamicInvoke()!;
            return payload;
        }
    }
}
