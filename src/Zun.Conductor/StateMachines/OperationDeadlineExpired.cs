namespace Zun.Conductor.StateMachines;

/// <summary>
/// Scheduled when an operation is dispatched, or when it starts to wait for a worker to be placed on; fires if no
/// outcome (or no worker) came in time.
/// </summary>
public sealed record OperationDeadlineExpired
{
    public Guid ContainerId { get; init; }

    public Guid OperationId { get; init; }

    /// <summary>
    /// The deadline of the wait for a worker, not of the dispatched work: one that fires after the operation was placed
    /// after all (its cancellation can cross it) must not end the work.
    /// </summary>
    public bool AwaitingHost { get; init; }
}
