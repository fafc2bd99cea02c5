using System.Collections.Concurrent;
using MassTransit;

namespace Zun.Conductor.Persistence;

/// <summary>
/// Changes to shared records (a host's claims, a project's quota) in the saga store, written with its optimistic
/// concurrency. Within this conductor the writes to one record take turns, and the changes that arrive while another
/// is written wait for the next turn and are then applied together, in arrival order, in one read and one write: a
/// burst of creates on one host costs one write of its record per turn, not one each. Between conductors the record's
/// version decides: a write that finds it changed reads it again and applies the changes again.
/// </summary>
internal sealed class DocumentTurns<TRecord>(ISagaDocumentStore<TRecord> store, Action<TRecord> written, Action<Guid> deleted) :
    IDisposable
    where TRecord : class, IRevisedRecord
{
    /// <summary>Conflicts come only from another conductor writing the same record at once; each retry reads its write.</summary>
    private const int Attempts = 20;

    private readonly ConcurrentDictionary<Guid, Writer> _writers = new();

    /// <summary>
    /// Applies <paramref name="change"/> to the stored record (or to <paramref name="create"/>'s when none is stored),
    /// writes the record if any change of its turn changed it, and returns what the change returned.
    /// </summary>
    public async Task<TResult> ChangeAsync<TResult>(Guid id, Func<TRecord> create, Func<TRecord, TResult> change, CancellationToken cancellationToken)
    {
        var writer = _writers.GetOrAdd(id, _ => new Writer());
        var mine = new PendingChange(create, record => change(record));
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

                await Write(id, batch, cancellationToken);
            }
        }
        finally
        {
            writer.Turn.Release();
        }

        return (TResult)(await mine.Result.Task)!;
    }

    /// <summary>Deletes the stored record, in its turn, unless <paramref name="refusal"/> says why not; null when it is gone.</summary>
    public async Task<string?> DeleteAsync(Guid id, Func<TRecord, string?> refusal, CancellationToken cancellationToken)
    {
        var writer = _writers.GetOrAdd(id, _ => new Writer());
        await writer.Turn.WaitAsync(CancellationToken.None);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await store.LoadAsync(id, cancellationToken) is not { } stored)
                    return null;
                if (refusal(stored) is { } why)
                    return why;

                try
                {
                    await store.DeleteAsync(stored, cancellationToken);
                    deleted(id);
                    return null;
                }
                catch (ConcurrencyException) when (attempt < Attempts)
                {
                    // Changed by another conductor since the read: look again.
                }
            }
        }
        finally
        {
            writer.Turn.Release();
        }
    }

    public void Dispose()
    {
        foreach (var writer in _writers.Values)
            writer.Dispose();
    }

    private async Task Write(Guid id, List<PendingChange> batch, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var stored = await store.LoadAsync(id, cancellationToken);
                var record = stored ?? batch[0].Create();
                var before = record.Revisions;
                var outcomes = batch.Select(p => p.Apply(record)).ToList();
                try
                {
                    if (record.Revisions != before && stored is null)
                        await store.InsertAsync(record, cancellationToken);
                    else if (record.Revisions != before)
                        await store.UpdateAsync(record, cancellationToken);
                }
                catch (ConcurrencyException) when (attempt < Attempts)
                {
                    // Another conductor changed the record since the read: read it again and decide again.
                    continue;
                }

                written(record);
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

    /// <summary>One record's writes within this conductor: whose turn it is, and the changes waiting for one.</summary>
    private sealed class Writer : IDisposable
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public List<PendingChange> Pending { get; } = [];

        public void Dispose() => Turn.Dispose();
    }

    private sealed record PendingChange(Func<TRecord> Create, Func<TRecord, object?> Apply)
    {
        public TaskCompletionSource<object?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
