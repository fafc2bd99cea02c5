using System.Collections.Concurrent;
using MassTransit;
using Zun.Conductor.Persistence;

namespace Zun.Conductor.Placement;

/// <summary>
/// The host records in the saga store, written with its optimistic concurrency. A snapshot of every record is kept for up to
/// <see cref="SnapshotAge"/> for filtering and ranking; the claim itself always reads and writes the stored record.
/// Within this conductor, writes to one host's record take turns (the container partitions would otherwise mostly
/// conflict with each other); between conductors, the record's version decides.
/// </summary>
internal sealed class DocumentHostRecords(ISagaDocumentStore<HostRecord> store, TimeProvider clock) : IHostRecords, IDisposable
{
    private static readonly TimeSpan SnapshotAge = TimeSpan.FromSeconds(1);

    /// <summary>Conflicts come only from another conductor writing the same host's record at once; each retry reads its write.</summary>
    private const int Attempts = 20;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _writers = new(StringComparer.Ordinal);
    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyDictionary<string, HostRecord>> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && clock.GetUtcNow() - fresh.ReadAt < SnapshotAge)
            return fresh.Records;

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } other && clock.GetUtcNow() - other.ReadAt < SnapshotAge)
                return other.Records;

            var readAt = clock.GetUtcNow();
            var records = await store.QueryAsync(_ => true, cancellationToken);
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
        foreach (var writer in _writers.Values)
            writer.Dispose();
    }

    public Task<string?> TryClaimAsync(string host, HostClaim claim, ClaimableResources capacity, CancellationToken cancellationToken) =>
        Change(host, record => record.TryAdd(claim, capacity), cancellationToken);

    public Task ReleaseAsync(string host, Guid containerId, CancellationToken cancellationToken) =>
        Change(host, record =>
        {
            record.Remove(containerId);
            return null;
        }, cancellationToken);

    public async Task<HostRecord> ChangeServiceAsync(string host, Action<HostRecord> change, CancellationToken cancellationToken)
    {
        HostRecord? changed = null;
        await Change(host, record =>
        {
            change(record);
            changed = record;
            return null;
        }, cancellationToken);
        return changed!;
    }

    public Task<string?> DeleteAsync(string host, CancellationToken cancellationToken) => InTurn(host, () => Delete(host, cancellationToken), cancellationToken);

    private async Task<string?> Delete(string host, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.LoadAsync(HostRecord.IdOf(host), cancellationToken) is not { } stored)
                return null;
            if (stored.Claims.Count > 0)
                return $"host {host} holds {stored.Claims.Count} containers' claims; delete those containers first";

            try
            {
                await store.DeleteAsync(stored, cancellationToken);
                _snapshot = _snapshot?.Without(host);
                return null;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // A claim or a change came in since the read: look again.
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored record and writes it when it changed. The change returns null when
    /// it is done (or there was nothing to do), otherwise why it cannot be.
    /// </summary>
    private Task<string?> Change(string host, Func<HostRecord, string?> change, CancellationToken cancellationToken) =>
        InTurn(host, () => Write(host, change, cancellationToken), cancellationToken);

    private async Task<string?> InTurn(string host, Func<Task<string?>> write, CancellationToken cancellationToken)
    {
        var writer = _writers.GetOrAdd(host, _ => new SemaphoreSlim(1, 1));
        await writer.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            writer.Release();
        }
    }

    private async Task<string?> Write(string host, Func<HostRecord, string?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.LoadAsync(HostRecord.IdOf(host), cancellationToken);
            var record = stored ?? HostRecord.For(host);
            var before = record.State;
            var refusal = change(record);
            if (refusal is not null || record.State == before)
                return refusal;

            try
            {
                if (stored is null)
                    await store.InsertAsync(record, cancellationToken);
                else
                    await store.UpdateAsync(record, cancellationToken);
                _snapshot = _snapshot?.With(record.Copy());
                return null;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Another conductor changed this host's record since the read: read it again and decide again.
            }
        }
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, Dictionary<string, HostRecord> Records)
    {
        public Snapshot With(HostRecord record) => this with { Records = new Dictionary<string, HostRecord>(Records, StringComparer.Ordinal) { [record.Host] = record } };

        public Snapshot Without(string host)
        {
            var records = new Dictionary<string, HostRecord>(Records, StringComparer.Ordinal);
            records.Remove(host);
            return this with { Records = records };
        }
    }
}
