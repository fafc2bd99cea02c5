namespace Zun.ResilienceTests.Infrastructure;

/// <summary>One event as the test client received it, with what its envelope says about where it came from.</summary>
/// <param name="Message">The event.</param>
/// <param name="MessageId">The envelope's message id: two deliveries with one id are one publish delivered twice.</param>
/// <param name="ProcessId">The id of the process that published it (MassTransit's host info), telling two conductors apart.</param>
/// <param name="HeardAt">When the test client received it.</param>
public sealed record Heard(object Message, Guid? MessageId, int? ProcessId, DateTimeOffset HeardAt);
