using System.Diagnostics.Metrics;
using MassTransit;
using MassTransit.Context;
using Microsoft.Extensions.Logging;

namespace Zun.Hosting.Publishers;

/// <summary>
/// Counts the messages a process refused for who published them (<c>zun.untrusted.messages</c>, by role and message
/// type) and logs them, once a minute per publisher at most: a client that floods the bus with forgeries must not
/// flood the log too.
/// </summary>
public sealed partial class UntrustedMessages
{
    /// <summary>How often one publisher's refusals are logged.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly Counter<long> _refused;
    private readonly TimeProvider _clock;
    private readonly ILogger<UntrustedMessages> _logger;
    private readonly Dictionary<string, LogWindow> _windows = new(StringComparer.Ordinal);

    public UntrustedMessages(IMeterFactory meters, string meterName, TimeProvider clock, ILogger<UntrustedMessages> logger)
    {
        _refused = meters.Create(meterName).CreateCounter<long>(
            "zun.untrusted.messages", unit: "{message}",
            description: "Messages refused for who published them (an unknown broker user, a client sending what only hosts or the conductor may)");
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// Refuses the delivery behind <paramref name="context"/> for good (<see cref="Refused"/>) and tells MassTransit it is
    /// dealt with: a delivery no consumer took would be moved to the endpoint's <c>_skipped</c> queue, where forgeries
    /// would pile up, carrying the forger's user_id, which RabbitMQ refuses from this process's connection.
    /// </summary>
    public Task Drop(ConsumeContext context, Publisher publisher, string messageType, string reason)
    {
        Refused(publisher, messageType, reason);
        return context.NotifyConsumed(new MessageConsumeContext<RefusedMessage>(context, RefusedMessage.Instance), TimeSpan.Zero, nameof(UntrustedMessages));
    }

    /// <summary>Counts one refused message of type <paramref name="messageType"/> and logs it unless this publisher was logged within the last minute.</summary>
    public void Refused(Publisher publisher, string messageType, string reason)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("zun.role", publisher.RoleTag), new KeyValuePair<string, object?>("zun.message", messageType));

        var now = _clock.GetUtcNow();
        long suppressed;
        lock (_windows)
        {
            // Keyed by broker user, of which a broker has few: the map stays small.
            var key = publisher.UserId ?? "";
            if (_windows.TryGetValue(key, out var window) && now - window.Start < LogInterval)
            {
                window.Suppressed++;
                return;
            }

            suppressed = window?.Suppressed ?? 0;
            _windows[key] = new LogWindow(now);
        }

        LogRefused(_logger, publisher.Name, publisher.RoleTag, messageType, reason, suppressed);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused {MessageType} from {Publisher} (role {Role}): {Reason}; {Suppressed} more from it went unlogged in the minute before")]
    private static partial void LogRefused(ILogger logger, string publisher, string role, string messageType, string reason, long suppressed);

    /// <summary>One publisher's minute: when it was last logged, and how many refusals went unlogged since.</summary>
    private sealed class LogWindow(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public long Suppressed { get; set; }
    }
}
