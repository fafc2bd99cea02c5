namespace Zun.Conductor.StateMachines;

/// <summary>Scheduled when an operation is dispatched; fires if no outcome arrived in time.</summary>
public sealed record OperationDeadlineExpired
{
    public Guid ContainerId { get; init; }

    public Guid OperationId { get; init; }

    /// <summary>For image pulls, which have no container.</summary>
    public bool IsImagePull { get; init; }
}
