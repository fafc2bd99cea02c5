using System.Text.Json;

using Zun.Conductor.Operations;

namespace Zun.Testing.Harness;

/// <summary>Operation records for a conductor on MassTransit's harness with its in-memory sagas: nothing survives the process.</summary>
public sealed class InMemoryOperationJournal : IOperationJournal
{
    private readonly Dictionary<Guid, TrackedOperation> _records = [];

    public Task<TrackedOperation> Record(Guid operationId, Action<TrackedOperation> change, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            if (!_records.TryGetValue(operationId, out var record))
                _records[operationId] = record = new TrackedOperation { CorrelationId = operationId };
            change(record);
            record.Version++;
            return Task.FromResult(Copy(record));
        }
    }

    public Task<OperationClaim?> Claim(OperationClaim claim, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            if (_records.TryGetValue(claim.OperationId, out var record))
                return Task.FromResult(record.StandsFor(claim) ? null : record.AsClaim());

            _records[claim.OperationId] = TrackedOperation.ClaimedBy(claim);
            return Task.FromResult<OperationClaim?>(null);
        }
    }

    /// <summary>A copy, as a store would return it: the caller never shares the journal's own instance.</summary>
    public Task<TrackedOperation?> Find(Guid operationId, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return Task.FromResult(_records.TryGetValue(operationId, out var record) ? Copy(record) : null);
        }
    }

    private static TrackedOperation Copy(TrackedOperation record) =>
        JsonSerializer.Deserialize<TrackedOperation>(JsonSerializer.Serialize(record))!;
}
