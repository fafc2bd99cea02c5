using MassTransit;
using Zun.Hosting;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>A bare MassTransit bus connected as one broker user, as a client of Zun connects: it stamps that user as user_id.</summary>
public sealed class PublisherBus : IAsyncDisposable
{
    private PublisherBus(IBusControl bus) => Bus = bus;

    public IBusControl Bus { get; }

    public static async Task<PublisherBus> StartAsync(string url)
    {
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.UseZunRabbitMqHost(new RabbitMqOptions { Url = url }));
        await bus.StartAsync(TestContext.Current.CancellationToken);
        return new PublisherBus(bus);
    }

    public async ValueTask DisposeAsync() => await Bus.StopAsync();
}
