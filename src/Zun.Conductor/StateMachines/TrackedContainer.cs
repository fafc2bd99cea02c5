using MassTransit;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.StateMachines;

/// <summary>
/// The conductor's record of one container (CorrelationId = ContainerId): its status as Zun shows it,
/// where it lives, and the operations on it, one in flight and the rest queued in the order accepted.
/// </summary>
public sealed class TrackedContainer : SagaStateMachineInstance, ISagaVersion
{
    /// <summary>How many finished operations the record keeps for duplicate detection and queries.</summary>
    public const int RecentOperationLimit = 50;

    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public int Version { get; set; }

    public ContainerStatus Status { get; set; }

    public TaskState? TaskState { get; set; }

    public string? StatusReason { get; set; }

    public int? ExitCode { get; set; }

    /// <summary>The host the client pinned the container to, if any.</summary>
    public string? RequestedHost { get; set; }

    /// <summary>The host the container was placed on.</summary>
    public string? Host { get; set; }

    /// <summary>The receive endpoint of <see cref="Host"/>'s worker.</summary>
    public string? HostEndpoint { get; set; }

    public ContainerSpec Spec { get; set; } = new();

    public string? ProjectId { get; set; }

    public string? UserId { get; set; }

    /// <summary>Ports published on the host, as its worker last reported them.</summary>
    public List<PublishedPort> Ports { get; set; } = [];

    /// <summary>
    /// The newest outcome or observation applied from the host, by the host's clock: anything the
    /// host reports from before it is stale and ignored.
    /// </summary>
    public DateTimeOffset? LastHostEventAt { get; set; }

    /// <summary>
    /// The newest observation that arrived while an operation was in flight. It is applied once the
    /// outcome is, if the host saw it after the outcome it reported (an exit right after a start, say).
    /// </summary>
    public ContainerObserved? PendingObservation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ContainerOperation? ActiveOperation { get; set; }

    public List<ContainerOperation> QueuedOperations { get; set; } = [];

    public List<OperationSummary> RecentOperations { get; set; } = [];

    /// <summary>Whether this operation id was already seen, so a redelivered command is applied once.</summary>
    public bool Knows(Guid operationId) =>
        ActiveOperation?.OperationId == operationId
        || QueuedOperations.Any(o => o.OperationId == operationId)
        || RecentOperations.Any(o => o.OperationId == operationId);

    /// <summary>The status the container will have once every accepted operation has succeeded.</summary>
    public ContainerStatus ProjectedStatus()
    {
        var status = ActiveOperation?.StatusAfter(Status) ?? Status;
        foreach (var queued in QueuedOperations)
            status = queued.StatusAfter(status);
        return status;
    }

    public void Remember(OperationSummary summary)
    {
        RecentOperations.Add(summary);
        if (RecentOperations.Count > RecentOperationLimit)
            RecentOperations.RemoveRange(0, RecentOperations.Count - RecentOperationLimit);
    }
}
