using System.Runtime.Serialization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Zun.Conductor.Notifications;

namespace Zun.Conductor.Interop;

/// <summary>
/// Watches the plain-JSON endpoint for messages that could not be read, whether the body is not JSON
/// at all (MassTransit's deserializer refuses it) or is not the command its routing key names: logs
/// each one and sends an error notification naming the problem. MassTransit parks the message in the
/// endpoint's error queue.
/// </summary>
internal sealed partial class UnreadableCommandObserver(
    string queue,
    INotificationPublisher notifications,
    TimeProvider clock,
    ILogger<UnreadableCommandObserver> logger) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class =>
        Task.CompletedTask;

    /// <summary>The body is JSON but not the command its routing key names (or the key names none).</summary>
    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class =>
        Report(context.ReceiveContext, exception);

    /// <summary>The body is not JSON: MassTransit's deserializer refused it before any consumer saw it.</summary>
    public Task ReceiveFault(ReceiveContext context, Exception exception) => Report(context, exception);

    private async Task Report(ReceiveContext context, Exception exception)
    {
        var routingKey = (context as RabbitMqBasicConsumeContext)?.RoutingKey;
        var problem = Problem(exception, routingKey);
        if (problem is null || context.InputAddress.AbsolutePath.Split('/')[^1] != queue)
            return;

        LogUnreadable(logger, routingKey ?? "(none)", problem);
        var messageId = context.TransportHeaders.Get<Guid>(MessageHeaders.MessageId) ?? NewId.NextGuid();
        try
        {
            await notifications.Publish(NotificationMapper.CommandError(messageId, routingKey, problem, clock.GetUtcNow()), context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message is parked whatever happens here; a lost notification must not fault the endpoint.
            LogNotificationFailed(logger, e);
        }
    }

    private static string? Problem(Exception exception, string? routingKey)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case InvalidJsonCommandException invalid:
                    return invalid.Message;
                case SerializationException serialization:
                    return $"{routingKey ?? "(no routing key)"}: the body is not JSON: {serialization.InnerException?.Message ?? serialization.Message}";
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable plain-JSON command (routing key {RoutingKey}): {Problem}; parked in the error queue")]
    private static partial void LogUnreadable(ILogger logger, string routingKey, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not publish the error notification of an unreadable command")]
    private static partial void LogNotificationFailed(ILogger logger, Exception exception);
}
