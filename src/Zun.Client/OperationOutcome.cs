using Zun.Contracts;

namespace Zun.Client;

/// <summary>How an operation ended: its terminal event (completed, failed, rejected or timed out), flattened.</summary>
public sealed record OperationOutcome
{
    public Guid OperationId { get; init; }

    /// <summary>The container operated on; absent for image pulls.</summary>
    public Guid? ContainerId { get; init; }

    public ContainerAction Action { get; init; }

    /// <summary><see cref="OperationState.Completed"/>, <see cref="OperationState.Failed"/>, <see cref="OperationState.Rejected"/> or <see cref="OperationState.TimedOut"/>.</summary>
    public OperationState State { get; init; }

    /// <summary>Why it failed, was rejected or timed out; null when it completed.</summary>
    public string? Reason { get; init; }

    /// <summary>The container's status afterwards, where the event says.</summary>
    public ContainerStatus? Status { get; init; }

    public int? ExitCode { get; init; }

    public string? Host { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>True when the operation completed.</summary>
    public bool Succeeded => State == OperationState.Completed;

    /// <summary>The outcome a terminal event describes, or null for any other message.</summary>
    public static OperationOutcome? FromEvent(object message) => message switch
    {
        OperationCompleted c => new OperationOutcome
        {
            OperationId = c.OperationId, ContainerId = c.ContainerId, Action = c.Action, State = OperationState.Completed,
            Status = c.Status, ExitCode = c.ExitCode, Host = c.Host, Timestamp = c.Timestamp,
        },
        OperationFailed f => new OperationOutcome
        {
            OperationId = f.OperationId, ContainerId = f.ContainerId, Action = f.Action, State = OperationState.Failed,
            Reason = f.Reason, Status = f.Status, Host = f.Host, Timestamp = f.Timestamp,
        },
        OperationRejected r => new OperationOutcome
        {
            OperationId = r.OperationId, ContainerId = r.ContainerId, Action = r.Action, State = OperationState.Rejected,
            Reason = r.Reason, Timestamp = r.Timestamp,
        },
        OperationTimedOut t => new OperationOutcome
        {
            OperationId = t.OperationId, ContainerId = t.ContainerId, Action = t.Action, State = OperationState.TimedOut,
            Reason = t.Reason, Host = t.Host, Timestamp = t.Timestamp,
        },
        _ => null,
    };

    /// <summary>The outcome the conductor's record of an operation shows, or null while it is still in flight.</summary>
    public static OperationOutcome? FromRecord(OperationInfo info) =>
        info.State is OperationState.Completed or OperationState.Failed or OperationState.Rejected or OperationState.TimedOut
            ? new OperationOutcome
            {
                OperationId = info.OperationId, ContainerId = info.ContainerId, Action = info.Action, State = info.State,
                Reason = info.Reason, Status = info.Status, ExitCode = info.ExitCode, Host = info.Host,
                Timestamp = info.FinishedAt ?? info.DispatchedAt ?? info.AcceptedAt ?? default,
            }
            : null;
}
