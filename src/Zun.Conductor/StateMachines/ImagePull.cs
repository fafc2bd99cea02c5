using MassTransit;

namespace Zun.Conductor.StateMachines;

/// <summary>One image pull (CorrelationId = OperationId): which image, on which host.</summary>
public sealed class ImagePull : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Version { get; set; }

    public string Image { get; set; } = "";

    public string? RequestedHost { get; set; }

    public string? Host { get; set; }

    public string? HostEndpoint { get; set; }

    public string? ProjectId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    /// <summary>When the pull ended (succeeded, failed or timed out); the record is purged a retention period later.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The scheduled <see cref="OperationDeadlineExpired"/> of the pull in flight.</summary>
    public Guid? DeadlineTokenId { get; set; }
}
