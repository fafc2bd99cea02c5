namespace Zun.Conductor.Scheduling;

/// <summary>A message to send at <see cref="DueAt"/>, as the scheduler keeps it in the store.</summary>
/// <param name="TokenId">MassTransit's scheduling token: the schedule's identity, used to cancel it and sent along as MT-Scheduling-TokenId.</param>
/// <param name="Destination">Where the message goes when it fires.</param>
/// <param name="MessageType">The message's type as a MassTransit URN (<c>urn:message:Namespace:Type</c>).</param>
/// <param name="PayloadJson">The message body as JSON.</param>
/// <param name="DueAt">When it fires.</param>
public sealed record ScheduledMessageRecord(Guid TokenId, Uri Destination, string MessageType, string PayloadJson, DateTimeOffset DueAt);
