using Zun.Conductor.Persistence;

namespace Zun.Conductor.Placement;

/// <summary>
/// The host records in the saga store, each written in its turn (<see cref="DocumentTurns{TRecord}"/>). A snapshot of
/// every record is kept for up to <see cref="SnapshotAge"/> for filtering and ranking; the claim itself always reads
/// and writes the stored record.
/// </summary>
internal sealed class DocumentHostRecords : IHostRecords, IDisposable
{
    private static readonly TimeSpan SnapshotAge = TimeSpan.FromSeconds(1);

    private readonly ISagaDocumentStore<HostRecord> _store;
    private readonly TimeProvider _clock;
    private readonly DocumentTurns<HostRecord> _turns;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _snapshot;

    public DocumentHostRecords(ISagaDocumentStore<HostRecord> store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
        _turns = new DocumentTurns<HostRecord>(
            store,
            written: record => _snapshot = _snapshot?.With(record.Copy()),
            deleted: id => _snapshot = _snapshot?.Without(id));
    }

    public async Task<IReadOnlyDictionary<string, HostRecord>> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && _clock.GetUtcNow() - fresh.ReadAt < SnapshotAge)
            return fresh.Records;

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } other && _clock.GetUtcNow() - other.ReadAt < SnapshotAge)
                return other.Records;

            var readAt = _clock.GetUtcNow();
            var records = await _store.QueryAsync(_ => true, cancellationToken);
            var snapshot = new Snapshot(readAt, records.ToDictionary(r => r.Host, StringComparer.Ordinal));
            _snapshot = snapshot;
            return snapshot.Records;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose()
    {
        _refresh.Dispose();
        _turns.Dispose();
    }

    public Task<string?> TryClaimAsync(string host, HostClaim claim, ClaimableResources capacity, CancellationToken cancellationToken) =>
        Change(host, record => record.TryAdd(claim, capacity), cancellationToken);

    public Task<string?> TryResizeAsync(string host, Guid containerId, double cpu, int memoryMb, ClaimableResources capacity, CancellationToken cancellationToken) =>
        Change(host, record => record.TryResize(containerId, cpu, memoryMb, capacity), cancellationToken);

    public Task ReleaseAsync(string host, Guid containerId, CancellationToken cancellationToken) =>
        Change(host, record => record.Remove(containerId), cancellationToken);

    public Task<HostRecord> ChangeServiceAsync(string host, Action<HostRecord> change, CancellationToken cancellationToken) =>
        Change(host, record =>
        {
            change(record);
            return record;
        }, cancellationToken);

    public Task<string?> DeleteAsync(string host, CancellationToken cancellationToken) =>
        _turns.DeleteAsync(HostRecord.IdOf(host), stored =>
            stored.Claims.Count > 0 ? $"host {host} holds {stored.Claims.Count} containers' claims; delete those containers first" : null,
            cancellationToken);

    private Task<TResult> Change<TResult>(string host, Func<HostRecord, TResult> change, CancellationToken cancellationToken) =>
        _turns.ChangeAsync(HostRecord.IdOf(host), () => HostRecord.For(host), change, cancellationToken);

    private sealed record Snapshot(DateTimeOffset ReadAt, Dictionary<string, HostRecord> Records)
    {
        public Snapshot With(HostRecord record) => this with { Records = new Dictionary<string, HostRecord>(Records, StringComparer.Ordinal) { [record.Host] = record } };

        public Snapshot Without(Guid id) => this with { Records = Records.Values.Where(r => r.CorrelationId != id).ToDictionary(r => r.Host, StringComparer.Ordinal) };
    }
}
