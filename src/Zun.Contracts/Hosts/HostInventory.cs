namespace Zun.Contracts.Hosts;

/// <summary>
/// Worker to conductor, periodically and when the worker starts: every Zun container on the host as
/// Docker sees it, so the conductor can catch changes whose events were missed.
/// </summary>
public sealed record HostInventory
{
    public string Host { get; init; } = "";

    public InventoryEntry[] Containers { get; init; } = [];

    /// <summary>Every Docker volume on the host labelled as a Zun volume's; null from a worker too old to list them.</summary>
    public VolumeInventoryEntry[]? Volumes { get; init; }

    /// <summary>When the list was taken, by the worker's clock.</summary>
    public DateTimeOffset TakenAt { get; init; }
}
