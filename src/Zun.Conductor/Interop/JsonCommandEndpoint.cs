using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zun.Conductor.Admission;
using Zun.Hosting;

namespace Zun.Conductor.Interop;

/// <summary>The receive endpoint for plain-JSON commands, bound to the topic exchange they are published to.</summary>
internal static class JsonCommandEndpoint
{
    public static void Configure(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator cfg)
    {
        var options = context.GetRequiredService<IOptions<JsonCommandOptions>>().Value;
        if (!options.Enabled)
            return;

        cfg.ReceiveEndpoint(options.Queue, e =>
        {
            e.ApplyQueueSettings(context);
            e.ConfigureConsumeTopology = false;
            e.Bind(options.Exchange, b =>
            {
                b.ExchangeType = "topic";
                b.Durable = true;
                b.RoutingKey = "#";
            });

            // Any JSON object is accepted as a JsonCommand (the filter refuses other bodies); the consumer reads it by its routing key.
            e.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
            e.UseFilterBeforeReading(new JsonObjectBodyFilter());

            // One at a time: a publisher's commands for one container keep their order.
            e.ConcurrentMessageLimit = 1;
            e.UseMessageRetry(r =>
            {
                r.Ignore<UnreadableCommandException>();
                r.Intervals(100, 500, 2000);
            });
            e.ConfigureConsumer<JsonCommandConsumer>(context);
        });
    }
}
