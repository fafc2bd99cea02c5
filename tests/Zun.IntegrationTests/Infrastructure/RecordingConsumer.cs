using MassTransit;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>Adds every message of type <typeparamref name="T"/> to the test client's <see cref="EventLog"/>.</summary>
public sealed class RecordingConsumer<T>(EventLog log) : IConsumer<T>
    where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        log.Add(context.Message);
        return Task.CompletedTask;
    }
}
