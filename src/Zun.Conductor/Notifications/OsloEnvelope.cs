using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zun.Conductor.Notifications;

/// <summary>
/// oslo.messaging's message envelope v2.0: <c>{"oslo.version": "2.0", "oslo.message": "&lt;JSON string&gt;"}</c>,
/// the inner message holding message_id, publisher_id, event_type, priority, payload and timestamp.
/// </summary>
internal static class OsloEnvelope
{
    public static byte[] Serialize(OsloNotification notification, string publisherId)
    {
        var message = new JsonObject
        {
            ["message_id"] = notification.MessageId.ToString("D"),
            ["publisher_id"] = publisherId,
            ["event_type"] = notification.EventType,
            ["priority"] = notification.Priority,
            ["payload"] = JsonSerializer.SerializeToNode(notification.Payload),
            // oslo_utils.timeutils.utcnow() formatted as oslo's notifier does: no zone, microseconds.
            ["timestamp"] = notification.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        };
        var envelope = new JsonObject
        {
            ["oslo.version"] = "2.0",
            ["oslo.message"] = message.ToJsonString(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }
}
