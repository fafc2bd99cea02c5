namespace Zun.Conductor.Placement;

/// <summary>The hosts' records (claims and service state), kept where every conductor sees the same ones.</summary>
public interface IHostRecords
{
    /// <summary>Every host's record as recently read; a claim checks the stored record, so this may lag others' claims.</summary>
    Task<IReadOnlyDictionary<string, HostRecord>> SnapshotAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes <paramref name="claim"/> on <paramref name="host"/> if it fits <paramref name="capacity"/> beside the claims
    /// stored now; null when it is held (also when it was already), otherwise what is short.
    /// </summary>
    Task<string?> TryClaimAsync(string host, HostClaim claim, ClaimableResources capacity, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the container's claim on <paramref name="host"/> a new size if the host can hold it beside the others; null when
    /// it has it, otherwise what is short (or that the container holds no claim there).
    /// </summary>
    Task<string?> TryResizeAsync(string host, Guid containerId, double cpu, int memoryMb, ClaimableResources capacity, CancellationToken cancellationToken);

    /// <summary>Gives the container's claim on <paramref name="host"/> back; nothing happens when it holds none there.</summary>
    Task ReleaseAsync(string host, Guid containerId, CancellationToken cancellationToken);

    /// <summary>Applies an operator's <paramref name="change"/> (enable, disable, force down) to the host's stored record and returns it.</summary>
    Task<HostRecord> ChangeServiceAsync(string host, Action<HostRecord> change, CancellationToken cancellationToken);

    /// <summary>Removes the host's record; refused, saying why, while containers hold claims there.</summary>
    Task<string?> DeleteAsync(string host, CancellationToken cancellationToken);
}
