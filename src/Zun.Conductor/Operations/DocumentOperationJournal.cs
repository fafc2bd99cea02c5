using MassTransit;
using Zun.Conductor.Persistence;

namespace Zun.Conductor.Operations;

/// <summary>The journal on the saga document store (SQLite or MongoDB), with the store's optimistic concurrency.</summary>
internal sealed class DocumentOperationJournal(ISagaDocumentStore<TrackedOperation> store) : IOperationJournal
{
    /// <summary>
    /// Two writers of one record race only when a redelivered message is replayed by another conductor while the
    /// first still writes; the loser reads the winner's record and applies its change on top.
    /// </summary>
    private const int Attempts = 5;

    public async Task<TrackedOperation> Record(Guid operationId, Action<TrackedOperation> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await store.LoadAsync(operationId, cancellationToken);
            var isNew = record is null;
            record ??= new TrackedOperation { CorrelationId = operationId };
            change(record);
            try
            {
                if (isNew)
                    await store.InsertAsync(record, cancellationToken);
                else
                    await store.UpdateAsync(record, cancellationToken);
                return record;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
            }
        }
    }

    public Task<TrackedOperation?> Find(Guid operationId, CancellationToken cancellationToken) =>
        store.LoadAsync(operationId, cancellationToken);

    public async Task<OperationClaim?> Claim(OperationClaim claim, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.LoadAsync(claim.OperationId, cancellationToken) is { } record)
                return record.StandsFor(claim) ? null : record.AsClaim();

            try
            {
                // The store's unique id decides between two commands claiming one id at once.
                await store.InsertAsync(TrackedOperation.ClaimedBy(claim), cancellationToken);
                return null;
            }
            catch (SagaAlreadyExistsException) when (attempt < Attempts)
            {
                // Another claimed it first: what it claimed it for is read on the next round.
            }
        }
    }
}
