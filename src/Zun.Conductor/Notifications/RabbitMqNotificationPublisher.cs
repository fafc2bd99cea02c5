using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Zun.Hosting;

namespace Zun.Conductor.Notifications;

/// <summary>
/// Publishes notifications with the plain RabbitMQ client, exactly as oslo.messaging's rabbit driver
/// would: a topic exchange declared as its listeners declare it, routing key <c>&lt;topic&gt;.&lt;priority&gt;</c>,
/// a JSON body, publisher confirms. MassTransit would wrap the body in its own envelope.
/// </summary>
internal sealed partial class RabbitMqNotificationPublisher(
    IOptions<RabbitMqOptions> rabbit,
    IOptions<NotificationOptions> options,
    ILogger<RabbitMqNotificationPublisher> logger) : INotificationPublisher, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private volatile IChannel? _channel;

    private NotificationOptions Options => options.Value;

    public async Task Publish(OsloNotification notification, CancellationToken cancellationToken)
    {
        var body = OsloEnvelope.Serialize(notification, $"zun.conductor.{Options.Host}");
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            ContentEncoding = "utf-8",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = notification.MessageId.ToString("D"),

            // As on every message Zun publishes: RabbitMQ vouches for it, so a listener can tell Zun's notifications from forgeries.
            UserId = rabbit.Value.UserName(),
        };

        // Publishes share the channel: the client numbers and tracks each confirm, so they are awaited together
        // rather than one after another.
        var channel = await Channel(cancellationToken);
        try
        {
            foreach (var topic in Options.Topics)
            {
                var routingKey = $"{topic}.{notification.Priority.ToLowerInvariant()}";
                await channel.BasicPublishAsync(Options.Exchange, routingKey, mandatory: false, properties, body, cancellationToken);
            }
        }
        catch
        {
            // A broken channel is rebuilt on the next publish; the operation's retry publishes this one again.
            await Discard(channel);
            throw;
        }

        LogPublished(logger, notification.EventType, notification.MessageId);
    }

    public async ValueTask DisposeAsync()
    {
        await Reset();
        _gate.Dispose();
    }

    private async Task<IChannel> Channel(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
            return open;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await OpenChannel(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> OpenChannel(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
            return _channel;

        var factory = new ConnectionFactory
        {
            Uri = rabbit.Value.AmqpUrl,
            ClientProvidedName = $"zun-conductor-notifications@{Environment.MachineName}",
            AutomaticRecoveryEnabled = true,
        };
        // The endpoint list, so that both this connection and its automatic recovery move to another node of a cluster.
        _connection ??= await factory.CreateConnectionAsync(rabbit.Value.Endpoints(), cancellationToken);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await _channel.ExchangeDeclareAsync(Options.Exchange, ExchangeType.Topic, durable: Options.Durable, autoDelete: false,
            cancellationToken: cancellationToken);
        return _channel;
    }

    private async Task Discard(IChannel failed)
    {
        await _gate.WaitAsync();
        try
        {
            if (ReferenceEquals(_channel, failed))
                await Reset();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task Reset()
    {
        if (_channel is not null)
            await _channel.DisposeAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
        (_channel, _connection) = (null, null);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notified {EventType} ({MessageId})")]
    private static partial void LogPublished(ILogger logger, string eventType, Guid messageId);
}
