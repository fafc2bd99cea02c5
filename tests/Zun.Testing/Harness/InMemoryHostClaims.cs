using Zun.Conductor.Placement;

namespace Zun.Testing.Harness;

/// <summary>Host claims for a conductor on MassTransit's harness with its in-memory sagas, checked as the store's are.</summary>
public sealed class InMemoryHostClaims : IHostClaims
{
    private readonly Dictionary<string, HostLedger> _ledgers = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, HostLedger>> SnapshotAsync(CancellationToken cancellationToken)
    {
        lock (_ledgers)
            return Task.FromResult<IReadOnlyDictionary<string, HostLedger>>(_ledgers.ToDictionary(l => l.Key, l => Copy(l.Value), StringComparer.Ordinal));
    }

    public Task<string?> TryClaimAsync(string host, HostClaim claim, ClaimableResources capacity, CancellationToken cancellationToken)
    {
        lock (_ledgers)
            return Task.FromResult(LedgerOf(host).TryAdd(claim, capacity));
    }

    public Task ReleaseAsync(string host, Guid containerId, CancellationToken cancellationToken)
    {
        lock (_ledgers)
            LedgerOf(host).Remove(containerId);
        return Task.CompletedTask;
    }

    /// <summary>The claims held on <paramref name="host"/> now.</summary>
    public IReadOnlyList<HostClaim> On(string host)
    {
        lock (_ledgers)
            return _ledgers.TryGetValue(host, out var ledger) ? [.. ledger.Claims] : [];
    }

    private HostLedger LedgerOf(string host)
    {
        if (!_ledgers.TryGetValue(host, out var ledger))
            _ledgers[host] = ledger = HostLedger.For(host);
        return ledger;
    }

    private static HostLedger Copy(HostLedger ledger) => new() { CorrelationId = ledger.CorrelationId, Host = ledger.Host, Claims = [.. ledger.Claims] };
}
