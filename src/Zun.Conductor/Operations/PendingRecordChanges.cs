namespace Zun.Conductor.Operations;

/// <summary>The record changes one consume has produced and not yet written, by operation.</summary>
internal sealed class PendingRecordChanges
{
    private readonly Dictionary<Guid, List<Action<TrackedOperation>>> _changes = [];

    /// <summary>True for the first change of an operation since its last write: the caller queues the write.</summary>
    public bool Add(Guid operationId, Action<TrackedOperation> change)
    {
        lock (_changes)
        {
            if (_changes.TryGetValue(operationId, out var queued))
            {
                queued.Add(change);
                return false;
            }

            _changes[operationId] = [change];
            return true;
        }
    }

    /// <summary>The operation's changes in the order they were made, as one; later changes start a new batch.</summary>
    public Action<TrackedOperation> Take(Guid operationId)
    {
        List<Action<TrackedOperation>> changes;
        lock (_changes)
        {
            changes = _changes.Remove(operationId, out var queued) ? queued : [];
        }

        return record =>
        {
            foreach (var change in changes)
                change(record);
        };
    }
}
