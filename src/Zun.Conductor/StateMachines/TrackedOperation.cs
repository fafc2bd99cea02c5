using MassTransit;
using Zun.Contracts;

namespace Zun.Conductor.StateMachines;

/// <summary>The conductor's record of one operation (CorrelationId = OperationId), built from the operation events.</summary>
public sealed class TrackedOperation : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Version { get; set; }

    public Guid? ContainerId { get; set; }

    public ContainerAction Action { get; set; }

    public string? Reason { get; set; }

    public string? Host { get; set; }

    public ContainerStatus? Status { get; set; }

    public int? ExitCode { get; set; }

    public string? ProjectId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
