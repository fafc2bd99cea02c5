using System.Collections.Concurrent;
using MassTransit;
using Zun.Conductor.Persistence;

namespace Zun.Conductor.Placement;

/// <summary>
/// The host records in the saga store, written with its optimistic concurrency. A snapshot of every record is kept for up to
/// <see cref="SnapshotAge"/> for filtering and ranking; the claim itself always reads and writes the stored record.
/// Within this conductor, writes to one host's record take turns, and the changes that waited for a turn are written
/// together (the container partitions would otherwise mostly conflict with each other); between conductors, the
/// record's version decides.
/// </summary>
internal sealed class DocumentHostRecords(ISagaDocumentStore<HostRecord> store, TimeProvider clock) : IHostRecords, IDisposable
{
    private static readonly TimeSpan SnapshotAge = TimeSpan.FromSeconds(1);

    /// <summary>Conflicts come only from another conductor writing the same host's record at once; each retry reads its write.</summary>
    private const int Attempts = 20;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ConcurrentDictionary<string, HostWriter> _writers = new(StringComparer.Ordinal);
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

    public Task<string?> DeleteAsync(string host, CancellationToken cancellationToken) => InTurn(host, () => Delete(host, cancellationToken));

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
    /// it is done (or there was nothing to do), otherwise why it cannot be. Changes that arrive while another is being
    /// written wait for their turn and are then applied together, in arrival order, in one read and one write: a burst
    /// of creates on one host costs one write of its record per turn, not one each.
    /// </summary>
    private async Task<string?> Change(string host, Func<HostRecord, string?> change, CancellationToken cancellationToken)
    {
        var writer = _writers.GetOrAdd(host, _ => new HostWriter());
        var mine = new PendingChange(change);
        lock (writer.Pending)
            writer.Pending.Add(mine);

        // Not cancellable: a change once queued is applied by whichever caller writes next, so its caller must not leave.
        await writer.Turn.WaitAsync(CancellationToken.None);
        try
        {
            if (!mine.Result.Task.IsCompleted)
            {
                List<PendingChange> batch;
                lock (writer.Pending)
                {
                    batch = [.. writer.Pending];
                    writer.Pending.Clear();
                }

                await Write(host, batch, cancellationToken);
            }
        }
        finally
        {
            writer.Turn.Release();
        }

        return await mine.Result.Task;
    }

    private async Task Write(string host, List<PendingChange> batch, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var stored = await store.LoadAsync(HostRecord.IdOf(host), cancellationToken);
                var record = stored ?? HostRecord.For(host);
                var before = record.State;
                var outcomes = batch.Select(p => p.Apply(record)).ToList();
                try
                {
                    if (record.State != before && stored is null)
                        await store.InsertAsync(record, cancellationToken);
                    else if (record.State != before)
                        await store.UpdateAsync(record, cancellationToken);
                }
                catch (ConcurrencyException) when (attempt < Attempts)
                {
                    // Another conductor changed this host's record since the read: read it again and decide again.
                    continue;
                }

                _snapshot = _snapshot?.With(record.Copy());
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Result.TrySetResult(outcomes[i]);
                return;
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
                pending.Result.TrySetException(e);
        }
    }

    private async Task<string?> InTurn(string host, Func<Task<string?>> write)
    {
        var writer = _writers.GetOrAdd(host, _ => new HostWriter());
        await writer.Turn.WaitAsync(CancellationToken.None);
        try
        {
            return await write();
        }
        finally
        {
            writer.Turn.Release();
        }
    }

    /// <summary>One host's writes within this conductor: whose turn it is, and the changes waiting for one.</summary>
    private sealed class HostWriter : IDisposable
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public List<PendingChange> Pending { get; } = [];

        public void Dispose() => Turn.Dispose();
    }

    private sealed record PendingChange(Func<HostRecord, string?> Apply)
    {
        public TaskCompletionSource<string?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
