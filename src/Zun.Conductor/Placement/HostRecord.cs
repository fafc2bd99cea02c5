using System.Security.Cryptography;
using System.Text;
using MassTransit;

namespace Zun.Conductor.Placement;

/// <summary>
/// What the conductors keep of one host, one document per host in the saga store: the claims its containers hold and
/// what operators said of it (disabled, forced down). Every claim is written through this document's version, so two
/// conductors that both find room for the last container on a host cannot both take it: the second write finds the
/// version changed, reads the first one's claim and checks again.
/// </summary>
public sealed class HostRecord : ISagaVersion
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string Host { get; set; } = "";

    // Not part of the stored record (fields are neither serialised nor mapped).
    private int _claimChanges;

    public List<HostClaim> Claims { get; set; } = [];

    /// <summary>An operator disabled the host: it takes no new containers, and those it has keep running.</summary>
    public bool Disabled { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>An operator declared the host down without waiting for its heartbeats to stop (upstream's force_down).</summary>
    public bool ForcedDown { get; set; }

    /// <summary>The ledger's id for a host name: the same in every conductor, without a lookup.</summary>
    public static Guid IdOf(string host)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"zun-host-ledger:{host}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static HostRecord For(string host) => new() { CorrelationId = IdOf(host), Host = host };

    /// <summary>A copy, so that a snapshot never shares the instance a change is applied to.</summary>
    public HostRecord Copy() => new()
    {
        CorrelationId = CorrelationId, Version = Version, Host = Host, Claims = [.. Claims], Disabled = Disabled, DisabledReason = DisabledReason,
        ForcedDown = ForcedDown,
    };

    /// <summary>
    /// What a write must carry, to compare before and after changes: the service state and how many claims were added or
    /// removed since the record was read (not their count: a release and a claim together leave the count as it was).
    /// </summary>
    public (bool Disabled, string? Reason, bool ForcedDown, int ClaimChanges) State => (Disabled, DisabledReason, ForcedDown, _claimChanges);

    public HostUsage Usage => new(Claims.Sum(c => c.Cpu), Claims.Sum(c => (long)c.MemoryMb), Claims.Count);

    public bool Holds(Guid containerId) => Claims.Exists(c => c.ContainerId == containerId);

    /// <summary>
    /// Adds <paramref name="claim"/> if the host has room for it within <paramref name="capacity"/> (a claim already held
    /// by the container counts as taken); otherwise says what is short, as the scheduler's reason for the host.
    /// </summary>
    public string? TryAdd(HostClaim claim, ClaimableResources capacity)
    {
        if (Holds(claim.ContainerId))
            return null;

        if (capacity.Refusal(Usage, claim.Cpu, claim.MemoryMb) is { } refusal)
            return refusal;

        Claims.Add(claim);
        _claimChanges++;
        return null;
    }

    /// <summary>Removes the container's claim; false when it held none here.</summary>
    public bool Remove(Guid containerId)
    {
        var removed = Claims.RemoveAll(c => c.ContainerId == containerId);
        _claimChanges += removed;
        return removed > 0;
    }
}

/// <summary>What one container holds of its host.</summary>
public sealed record HostClaim
{
    public Guid ContainerId { get; init; }

    public double Cpu { get; init; }

    public int MemoryMb { get; init; }

    public DateTimeOffset ClaimedAt { get; init; }
}

/// <summary>What the claims on a host add up to.</summary>
public readonly record struct HostUsage(double Cpu, long MemoryMb, int Containers)
{
    public static HostUsage None => default;
}
