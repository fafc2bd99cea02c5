using Zun.Contracts;

namespace Zun.Conductor.Operations;

/// <summary>What each operation event adds to the operation's record.</summary>
internal static class OperationRecordChanges
{
    public static Action<TrackedOperation> Of(OperationAccepted e) => record =>
    {
        Describe(record, e.ContainerId, e.Action);
        record.AcceptedAt = e.Timestamp;
        record.ProjectId = e.ProjectId;
        record.UserId = e.UserId;
        record.Advance(OperationState.Accepted);
    };

    public static Action<TrackedOperation> Of(OperationDispatched e) => record =>
    {
        Describe(record, e.ContainerId, e.Action);
        record.DispatchedAt = e.Timestamp;
        record.Host = e.Host;
        record.Advance(OperationState.Dispatched);
    };

    public static Action<TrackedOperation> Of(OperationCompleted e) => record =>
    {
        if (!End(record, e.ContainerId, e.Action, e.Timestamp, OperationState.Completed))
            return;
        record.Host = e.Host ?? record.Host;
        record.Status = e.Status;
        record.ExitCode = e.ExitCode;
    };

    public static Action<TrackedOperation> Of(OperationFailed e) => record =>
    {
        if (!End(record, e.ContainerId, e.Action, e.Timestamp, OperationState.Failed))
            return;
        record.Host = e.Host ?? record.Host;
        record.Status = e.Status;
        record.Reason = e.Reason;
    };

    public static Action<TrackedOperation> Of(OperationTimedOut e) => record =>
    {
        if (!End(record, e.ContainerId, e.Action, e.Timestamp, OperationState.TimedOut))
            return;
        record.Host = e.Host ?? record.Host;
        record.Reason = e.Reason;
    };

    public static Action<TrackedOperation> Of(OperationRejected e) => record =>
    {
        if (!End(record, e.ContainerId, e.Action, e.Timestamp, OperationState.Rejected))
            return;
        record.Reason = e.Reason;
        record.ProjectId ??= e.ProjectId;
        record.UserId ??= e.UserId;
    };

    /// <summary>False when the record has ended already: the first end is the one it keeps, with its details.</summary>
    private static bool End(TrackedOperation record, Guid? containerId, ContainerAction action, DateTimeOffset at, OperationState state)
    {
        if (record.HasEnded())
            return false;
        Describe(record, containerId, action);
        record.FinishedAt = at;
        record.Advance(state);
        return true;
    }

    private static void Describe(TrackedOperation record, Guid? containerId, ContainerAction action)
    {
        record.ContainerId ??= containerId;
        record.Action = action;
    }
}
