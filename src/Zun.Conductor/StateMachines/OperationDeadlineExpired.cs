namespace Zun.Conductor.StateMachines;

/// <summary>Scheduled when an operation is dispatched; fires if no outcome arrived in time.</summary>
public sealed record OperationDeadlineExpired
{
    public Guid ContainerId { get; init; }

    public Guid OperationId { get; init; }
}
