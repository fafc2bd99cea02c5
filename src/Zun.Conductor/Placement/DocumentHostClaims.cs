using MassTransit;
using Zun.Conductor.Persistence;

namespace Zun.Conductor.Placement;

/// <summary>
/// The ledgers in the saga store, written with its optimistic concurrency. A snapshot of every ledger is kept for up to
/// <see cref="SnapshotAge"/> for filtering and ranking; the claim itself always reads and writes the stored ledger.
/// </summary>
internal sealed class DocumentHostClaims(ISagaDocumentStore<HostLedger> store, TimeProvider clock) : IHostClaims, IDisposable
{
    private static readonly TimeSpan SnapshotAge = TimeSpan.FromSeconds(1);

    /// <summary>Conflicts come only from another conductor writing the same host's ledger at once; each retry reads its write.</summary>
    private const int Attempts = 20;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyDictionary<string, HostLedger>> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && clock.GetUtcNow() - fresh.ReadAt < SnapshotAge)
            return fresh.Ledgers;

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } other && clock.GetUtcNow() - other.ReadAt < SnapshotAge)
                return other.Ledgers;

            var readAt = clock.GetUtcNow();
            var ledgers = await store.QueryAsync(_ => true, cancellationToken);
            var snapshot = new Snapshot(readAt, ledgers.ToDictionary(l => l.Host, StringComparer.Ordinal));
            _snapshot = snapshot;
            return snapshot.Ledgers;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    public Task<string?> TryClaimAsync(string host, HostClaim claim, ClaimableResources capacity, CancellationToken cancellationToken) =>
        Change(host, ledger => ledger.TryAdd(claim, capacity), cancellationToken);

    public Task ReleaseAsync(string host, Guid containerId, CancellationToken cancellationToken) =>
        Change(host, ledger =>
        {
            ledger.Remove(containerId);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored ledger and writes it when its claims changed. The change returns
    /// null when it is done (or there was nothing to do), otherwise why it cannot be.
    /// </summary>
    private async Task<string?> Change(string host, Func<HostLedger, string?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.LoadAsync(HostLedger.IdOf(host), cancellationToken);
            var ledger = stored ?? HostLedger.For(host);
            var before = ledger.Claims.Count;
            var refusal = change(ledger);
            if (refusal is not null || ledger.Claims.Count == before)
                return refusal;

            try
            {
                if (stored is null)
                    await store.InsertAsync(ledger, cancellationToken);
                else
                    await store.UpdateAsync(ledger, cancellationToken);
                _snapshot = _snapshot?.With(ledger);
                return null;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Another conductor changed this host's claims since the read: read them again and decide again.
            }
        }
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, Dictionary<string, HostLedger> Ledgers)
    {
        public Snapshot With(HostLedger ledger) => this with { Ledgers = new Dictionary<string, HostLedger>(Ledgers, StringComparer.Ordinal) { [ledger.Host] = ledger } };
    }
}
