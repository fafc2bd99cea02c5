using System.Runtime.Serialization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Conductor.Interop;
using Zun.Conductor.Notifications;

namespace Zun.Conductor.Admission;

/// <summary>
/// Watches the conductor's endpoints for commands that could not be read well enough to refuse them to an operation,
/// whichever channel they came by (<see cref="UnreadableCommandException"/>), and for plain-JSON bodies and envelopes
/// that are not JSON at all (MassTransit's deserializer refuses those before any consumer sees them):
/// logs each one and sends a <c>command.error</c> notification naming the problem. MassTransit parks the message in
/// the endpoint's error queue.
/// </summary>
internal sealed partial class UnreadableCommandObserver(
    string? jsonQueue,
    INotificationPublisher notifications,
    TimeProvider clock,
    ILogger<UnreadableCommandObserver> logger) : IReceiveObserver
{
    private const string ContractsExchangePrefix = "Zun.Contracts:";

    /// <summary>The observer of a conductor's bus, watching its plain-JSON queue too when that endpoint is enabled.</summary>
    public static UnreadableCommandObserver For(IServiceProvider services)
    {
        var json = services.GetRequiredService<IOptions<JsonCommandOptions>>().Value;
        return new UnreadableCommandObserver(
            json.Enabled ? json.Queue : null,
            services.GetRequiredService<INotificationPublisher>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<UnreadableCommandObserver>>());
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class =>
        Task.CompletedTask;

    /// <summary>A consumer found the command unreadable.</summary>
    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class =>
        Report(context.ReceiveContext, exception);

    /// <summary>The command was refused before any consumer saw it: by a filter, or by MassTransit's deserializer.</summary>
    public Task ReceiveFault(ReceiveContext context, Exception exception) => Report(context, exception);

    private async Task Report(ReceiveContext context, Exception exception)
    {
        if (Problem(exception, CommandNamed(context), IsJsonQueue(context)) is not var (problem, command))
            return;

        LogUnreadable(logger, context.InputAddress, command ?? "(none)", problem);
        var messageId = context.TransportHeaders.Get<Guid>(MessageHeaders.MessageId) ?? NewId.NextGuid();
        try
        {
            await notifications.Publish(NotificationMapper.CommandError(messageId, command, problem, clock.GetUtcNow()), context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message is parked whatever happens here; a lost notification must not fault the endpoint.
            LogNotificationFailed(logger, e);
        }
    }

    /// <summary>
    /// The command a delivery is for when its body cannot say: the routing key of plain JSON, else the contracts'
    /// exchange a MassTransit envelope was published to (<c>Zun.Contracts:StartContainer</c>).
    /// </summary>
    private static string? CommandNamed(ReceiveContext context) => (context as RabbitMqBasicConsumeContext) switch
    {
        { RoutingKey: { Length: > 0 } key } => key,
        { Exchange: { } exchange } when exchange.StartsWith(ContractsExchangePrefix, StringComparison.Ordinal) => exchange[ContractsExchangePrefix.Length..],
        _ => null,
    };

    private bool IsJsonQueue(ReceiveContext context) => jsonQueue is not null && context.InputAddress.AbsolutePath.Split('/')[^1] == jsonQueue;

    /// <summary>What is wrong and which command it is about (the delivery's when nothing better is known), or null for other faults.</summary>
    private static (string Problem, string? Command)? Problem(Exception exception, string? command, bool onJsonQueue)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case UnreadableCommandException unreadable:
                    return (unreadable.Message, unreadable.Command ?? command);
                case SerializationException serialization when onJsonQueue:
                    return ($"{command ?? "(no routing key)"}: the body is not JSON: {Cause(serialization)}", command);
                case SerializationException serialization when command is not null:
                    return ($"{command}: the envelope is not JSON: {Cause(serialization)}", command);
            }
        }

        return null;
    }

    private static string Cause(SerializationException serialization) => serialization.InnerException?.Message ?? serialization.Message;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable command on {InputAddress} (routing key {RoutingKey}): {Problem}; parked in the error queue")]
    private static partial void LogUnreadable(ILogger logger, Uri inputAddress, string routingKey, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not publish the error notification of an unreadable command")]
    private static partial void LogNotificationFailed(ILogger logger, Exception exception);
}
