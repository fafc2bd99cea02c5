namespace Zun.Contracts;

/// <summary>
/// What every Zun command carries: the idempotency key the client chose, and who it acts for. Only an interface, never
/// a message type of its own: Zun's buses exclude it from the broker topology, so publishing a command binds no
/// exchange named after it.
/// </summary>
public interface IZunCommand : ICallerScope
{
    /// <summary>Idempotency key: a redelivered or resent command with the same id is applied once.</summary>
    Guid OperationId { get; }

    string? UserId { get; }
}
