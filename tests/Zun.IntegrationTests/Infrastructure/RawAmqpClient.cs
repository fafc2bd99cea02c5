using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Zun.IntegrationTests.Infrastructure;

/// <summary>
/// A client of Zun with nothing but RabbitMQ.Client, as a service in another language is: it publishes a command's JSON
/// on either channel (as a MassTransit envelope, or as plain JSON on <c>zun.commands</c>) and reads the oslo notifications
/// from a queue of its own.
/// </summary>
public sealed class RawAmqpClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _notifications;

    private RawAmqpClient(IConnection connection, IChannel channel, string notifications)
    {
        _connection = connection;
        _channel = channel;
        _notifications = notifications;
    }

    /// <summary>Connects as the clients' user, or as the broker user of <paramref name="url"/>.</summary>
    public static async Task<RawAmqpClient> ConnectAsync(ZunTestSystem system, string? url = null)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(url ?? system.RabbitUrl) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.ExchangeDeclareAsync("zun", ExchangeType.Topic, durable: false);
        var queue = (await channel.QueueDeclareAsync()).QueueName;
        await channel.QueueBindAsync(queue, "zun", "notifications.*");
        return new RawAmqpClient(connection, channel, queue);
    }

    /// <summary>Publishes <paramref name="message"/> in a MassTransit envelope to the command's exchange; returns the message id.</summary>
    public Task<Guid> PublishEnvelope(string command, string message) => PublishEnvelope($"Zun.Contracts:{command}", $"Zun.Contracts:{command}", message);

    /// <summary>
    /// Publishes <paramref name="message"/> as the MassTransit message <paramref name="messageType"/> (<c>Zun.Contracts.Hosts:ContainerObserved</c>)
    /// to <paramref name="exchange"/>, with the AMQP <c>user_id</c> <paramref name="userId"/> when given; returns the message id.
    /// </summary>
    public async Task<Guid> PublishEnvelope(string exchange, string messageType, string message, string? userId = null)
    {
        var messageId = Guid.NewGuid();
        var envelope = $$"""
            {"messageId": "{{messageId}}", "messageType": ["urn:message:{{messageType}}"], "headers": {}, "message": {{message}}}
            """;
        await Publish(exchange, "", "application/vnd.masstransit+json", messageId, envelope, userId);
        return messageId;
    }

    /// <summary>
    /// Publishes <paramref name="body"/> as it is, labelled a MassTransit envelope, to the command's exchange, with the
    /// AMQP <c>user_id</c> <paramref name="userId"/> when given; returns the message id.
    /// </summary>
    public async Task<Guid> PublishAsEnvelope(string command, string body, string? userId = null)
    {
        var messageId = Guid.NewGuid();
        await Publish($"Zun.Contracts:{command}", "", "application/vnd.masstransit+json", messageId, body, userId);
        return messageId;
    }

    /// <summary>Publishes <paramref name="body"/> as it is on <c>zun.commands</c>, routed by the command's name; returns the message id.</summary>
    public async Task<Guid> PublishPlainJson(string command, string body, string? userId = null)
    {
        var messageId = Guid.NewGuid();
        await Publish("zun.commands", command, "application/json", messageId, body, userId);
        return messageId;
    }

    /// <summary>
    /// The properties of the message published with <paramref name="messageId"/> once it is in <paramref name="queue"/>,
    /// within 30 s. What it reads stays in the queue: the broker puts it back when this client disconnects.
    /// </summary>
    /// <remarks>
    /// It reads on a channel of its own, opened again whenever the broker closes it: while the queue does not exist yet
    /// (404), and while it exists but its queue process has not started (541 "noproc", seen in CI just after
    /// MassTransit declared the error queue).
    /// </remarks>
    public async Task<IReadOnlyBasicProperties> Parked(string queue, Guid messageId)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        var reader = await _connection.CreateChannelAsync(cancellationToken: deadline.Token);
        try
        {
            while (true)
            {
                try
                {
                    var delivery = await reader.BasicGetAsync(queue, autoAck: false, deadline.Token);
                    if (delivery?.BasicProperties.MessageId == messageId.ToString())
                        return delivery.BasicProperties;
                    if (delivery is null)
                        await Task.Delay(100, deadline.Token);
                }
                catch (OperationInterruptedException closed) when (closed.ShutdownReason?.ReplyCode is 404 or 541)
                {
                    await reader.DisposeAsync();
                    await Task.Delay(100, deadline.Token);
                    reader = await _connection.CreateChannelAsync(cancellationToken: deadline.Token);
                }
            }
        }
        finally
        {
            await reader.DisposeAsync();
        }
    }

    /// <summary>Why the broker closed the channel (its reply code: 403 access refused, 406 precondition failed), or null while it is open.</summary>
    public ushort? ClosedWith => _channel.CloseReason?.ReplyCode;

    /// <summary>The first notification that matches, within 30 s: oslo's message, unwrapped from its v2.0 envelope.</summary>
    public async Task<JsonElement> Notification(Func<JsonElement, bool> match)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var delivery = await _channel.BasicGetAsync(_notifications, autoAck: true, deadline.Token);
            if (delivery is null)
            {
                await Task.Delay(50, deadline.Token);
                continue;
            }

            using var envelope = JsonDocument.Parse(delivery.Body);
            Assert.Equal("2.0", envelope.RootElement.GetProperty("oslo.version").GetString());
            var message = JsonDocument.Parse(envelope.RootElement.GetProperty("oslo.message").GetString()!).RootElement;
            if (match(message))
                return message;
        }
    }

    /// <summary>The <c>command.error</c> notification about the message published with <paramref name="messageId"/>.</summary>
    public Task<JsonElement> CommandError(Guid messageId) =>
        Notification(n => n.GetProperty("event_type").GetString() == "command.error" && n.GetProperty("message_id").GetString() == messageId.ToString());

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private Task Publish(string exchange, string routingKey, string contentType, Guid messageId, string body, string? userId) =>
        _channel.BasicPublishAsync(exchange, routingKey, mandatory: false,
            new BasicProperties { ContentType = contentType, MessageId = messageId.ToString(), DeliveryMode = DeliveryModes.Persistent, UserId = userId },
            Encoding.UTF8.GetBytes(body)).AsTask();
}
