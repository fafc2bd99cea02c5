using Zun.Conductor.Placement;

namespace Zun.Testing.Harness;

/// <summary>Host records for a conductor on MassTransit's harness with its in-memory sagas, checked as the store's are.</summary>
public sealed class InMemoryHostRecords : IHostRecords
{
    private readonly Dictionary<string, HostRecord> _records = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, HostRecord>> SnapshotAsync(CancellationToken cancellationToken)
    {
        lock (_records)
            return Task.FromResult<IReadOnlyDictionary<string, HostRecord>>(_records.ToDictionary(l => l.Key, l => l.Value.Copy(), StringComparer.Ordinal));
    }

    public Task<string?> TryClaimAsync(string host, HostClaim claim, ClaimableResources capacity, CancellationToken cancellationToken)
    {
        lock (_records)
            return Task.FromResult(RecordOf(host).TryAdd(claim, capacity));
    }

    public Task<string?> TryResizeAsync(string host, Guid containerId, double cpu, int memoryMb, ClaimableResources capacity, CancellationToken cancellationToken)
    {
        lock (_records)
            return Task.FromResult(RecordOf(host).TryResize(containerId, cpu, memoryMb, capacity));
    }

    public Task ReleaseAsync(string host, Guid containerId, CancellationToken cancellationToken)
    {
        lock (_records)
            RecordOf(host).Remove(containerId);
        return Task.CompletedTask;
    }

    public Task<HostRecord> ChangeServiceAsync(string host, Action<HostRecord> change, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            var record = RecordOf(host);
            change(record);
            return Task.FromResult(record.Copy());
        }
    }

    public Task<string?> DeleteAsync(string host, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            if (_records.TryGetValue(host, out var record) && record.Claims.Count > 0)
                return Task.FromResult<string?>($"host {host} holds {record.Claims.Count} containers' claims; delete those containers first");
            _records.Remove(host);
            return Task.FromResult<string?>(null);
        }
    }

    /// <summary>The claims held on <paramref name="host"/> now.</summary>
    public IReadOnlyList<HostClaim> On(string host)
    {
        lock (_records)
            return _records.TryGetValue(host, out var record) ? [.. record.Claims] : [];
    }

    private HostRecord RecordOf(string host)
    {
        if (!_records.TryGetValue(host, out var record))
            _records[host] = record = HostRecord.For(host);
        return record;
    }
}
