using MassTransit;
using Zun.IntegrationTests.Infrastructure;

namespace Zun.ResilienceTests.Infrastructure;

/// <summary>Adds every <typeparamref name="T"/> to the test client's <see cref="EventLog"/> and <see cref="HeardLog"/>.</summary>
public sealed class EnvelopeRecorder<T>(EventLog events, HeardLog heard) : IConsumer<T>
    where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        heard.Add(new Heard(context.Message, context.MessageId, context.Host?.ProcessId, DateTimeOffset.UtcNow));
        events.Add(context.Message);
        return Task.CompletedTask;
    }
}
