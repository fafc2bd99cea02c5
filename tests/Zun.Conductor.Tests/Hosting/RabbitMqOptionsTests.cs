using Zun.Hosting;

namespace Zun.Conductor.Tests.Hosting;

/// <summary>The broker URL as the conductor's own RabbitMQ.Client connections (notifications, clean-up) need it.</summary>
public sealed class RabbitMqOptionsTests
{
    [Theory]
    [InlineData("amqp://zun:secret@broker:5672/zun", "amqp://zun:secret@broker:5672/zun")]
    [InlineData("amqps://zun:secret@broker:5671/zun", "amqps://zun:secret@broker:5671/zun")]
    [InlineData("rabbitmq://zun:secret@broker:5672/zun", "amqp://zun:secret@broker:5672/zun")]
    [InlineData("rabbitmqs://zun:secret@broker/zun", "amqps://zun:secret@broker/zun")]
    public void MassTransits_rabbitmq_scheme_becomes_the_amqp_scheme_with_everything_else_kept(string configured, string expected)
    {
        var options = new RabbitMqOptions { Url = configured };

        Assert.Equal(new Uri(expected), options.AmqpUrl);
    }
}
