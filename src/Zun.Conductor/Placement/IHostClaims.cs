namespace Zun.Conductor.Placement;

/// <summary>The claims containers hold on their hosts, kept where every conductor sees the same ones.</summary>
public interface IHostClaims
{
    /// <summary>Every host's ledger as recently read; a claim checks the stored ledger, so this may lag others' claims.</summary>
    Task<IReadOnlyDictionary<string, HostLedger>> SnapshotAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes <paramref name="claim"/> on <paramref name="host"/> if it fits <paramref name="capacity"/> beside the claims
    /// stored now; null when it is held (also when it was already), otherwise what is short.
    /// </summary>
    Task<string?> TryClaimAsync(string host, HostClaim claim, ClaimableResources capacity, CancellationToken cancellationToken);

    /// <summary>Gives the container's claim on <paramref name="host"/> back; nothing happens when it holds none there.</summary>
    Task ReleaseAsync(string host, Guid containerId, CancellationToken cancellationToken);
}
