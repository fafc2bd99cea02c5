namespace Zun.Conductor.Interop;

/// <summary>
/// A command published as plain JSON by a client that does not use MassTransit. The body is read by
/// <see cref="JsonCommandConsumer"/> according to the routing key; this type only carries it there.
/// </summary>
public sealed record JsonCommand;
