namespace Zun.Conductor.Operations;

/// <summary>Where the records of operations are kept: the saga store's own file or database.</summary>
public interface IOperationJournal
{
    /// <summary>Applies <paramref name="change"/> to the operation's record, creating it if there is none, and returns it as written.</summary>
    Task<TrackedOperation> Record(Guid operationId, Action<TrackedOperation> change, CancellationToken cancellationToken);

    Task<TrackedOperation?> Find(Guid operationId, CancellationToken cancellationToken);
}
