namespace Zun.Conductor.Notifications;

/// <summary>One notification in oslo.messaging's terms, before it is wrapped in the v2.0 envelope.</summary>
/// <param name="MessageId">Unique per notification; a redelivered event yields the same id, so listeners can drop the repeat.</param>
/// <param name="EventType">e.g. <c>container.create.end</c>.</param>
/// <param name="Priority"><c>INFO</c> or <c>ERROR</c>.</param>
/// <param name="Payload">Snake_case fields as OpenStack services publish them.</param>
/// <param name="Timestamp">When the event happened.</param>
public sealed record OsloNotification(
    Guid MessageId,
    string EventType,
    string Priority,
    IReadOnlyDictionary<string, object?> Payload,
    DateTimeOffset Timestamp);
