namespace Zun.Conductor.Operations;

/// <summary>Where the records of operations are kept: the saga store's own file or database.</summary>
public interface IOperationJournal
{
    /// <summary>Applies <paramref name="change"/> to the operation's record, creating it if there is none, and returns it as written.</summary>
    Task<TrackedOperation> Record(Guid operationId, Action<TrackedOperation> change, CancellationToken cancellationToken);

    Task<TrackedOperation?> Find(Guid operationId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the operation id for <paramref name="claim"/>'s command before anything is done about it. Null when the id
    /// is that command's: claimed now, or already by the same command (a resend). Otherwise what the id stands for. Of
    /// two different commands claiming one id at once, exactly one gets it.
    /// </summary>
    Task<OperationClaim?> Claim(OperationClaim claim, CancellationToken cancellationToken);
}
