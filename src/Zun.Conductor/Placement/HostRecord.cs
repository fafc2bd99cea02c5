using System.Security.Cryptography;
using System.Text;
using Zun.Conductor.Persistence;

namespace Zun.Conductor.Placement;

/// <summary>
/// What the conductors keep of one host, one document per host in the saga store: the claims its containers hold and
/// what operators said of it (disabled, forced down). Every claim is written through this document's version, so two
/// conductors that both find room for the last container on a host cannot both take it: the second write finds the
/// version changed, reads the first one's claim and checks again.
/// </summary>
public sealed class HostRecord : IRevisedRecord
{
    public Guid CorrelationId { get; set; }

    public int Version { get; set; }

    public string Host { get; set; } = "";

    // Not part of the stored record (fields are neither serialised nor mapped).
    private int _revisions;
    private bool _disabled;
    private string? _disabledReason;
    private bool _forcedDown;

    public List<HostClaim> Claims { get; set; } = [];

    /// <summary>An operator disabled the host: it takes no new containers, and those it has keep running.</summary>
    public bool Disabled
    {
        get => _disabled;
        set => Revise(ref _disabled, value);
    }

    public string? DisabledReason
    {
        get => _disabledReason;
        set => Revise(ref _disabledReason, value);
    }

    /// <summary>An operator declared the host down without waiting for its heartbeats to stop (upstream's force_down).</summary>
    public bool ForcedDown
    {
        get => _forcedDown;
        set => Revise(ref _forcedDown, value);
    }

    /// <summary>
    /// Claims added, resized or removed and service changes made since the record was read (not the claims' count: a
    /// release and a claim together leave the count as it was).
    /// </summary>
    public int Revisions => _revisions;

    /// <summary>The ledger's id for a host name: the same in every conductor, without a lookup.</summary>
    public static Guid IdOf(string host)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"zun-host-ledger:{host}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    public static HostRecord For(string host) => new() { CorrelationId = IdOf(host), Host = host };

    private void Revise<T>(ref T field, T value)
    {
        if (EqualityComparer<T>.Default.Equals(field, value))
            return;
        field = value;
        _revisions++;
    }

    /// <summary>A copy, so that a snapshot never shares the instance a change is applied to.</summary>
    public HostRecord Copy() => new()
    {
        CorrelationId = CorrelationId, Version = Version, Host = Host, Claims = [.. Claims], Disabled = Disabled, DisabledReason = DisabledReason,
        ForcedDown = ForcedDown,
    };

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
        _revisions++;
        return null;
    }

    /// <summary>
    /// Gives the container's claim the new size if the host has room for it beside the other claims; otherwise says what
    /// is short. A container that holds no claim here is refused.
    /// </summary>
    public string? TryResize(Guid containerId, double cpu, int memoryMb, ClaimableResources capacity)
    {
        var index = Claims.FindIndex(c => c.ContainerId == containerId);
        if (index < 0)
            return $"container {containerId} holds no claim on host {Host}";

        var held = Claims[index];
        if (held.Cpu == cpu && held.MemoryMb == memoryMb)
            return null;

        var others = Usage with { Cpu = Usage.Cpu - held.Cpu, MemoryMb = Usage.MemoryMb - held.MemoryMb };
        if ((cpu > held.Cpu || memoryMb > held.MemoryMb) && capacity.Refusal(others, cpu, memoryMb) is { } refusal)
            return refusal;

        Claims[index] = held with { Cpu = cpu, MemoryMb = memoryMb };
        _revisions++;
        return null;
    }

    /// <summary>Removes the container's claim; false when it held none here.</summary>
    public bool Remove(Guid containerId)
    {
        var removed = Claims.RemoveAll(c => c.ContainerId == containerId);
        _revisions += removed;
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
