namespace Zun.Contracts.Hosts;

/// <summary>
/// Worker to conductor, periodically and when the worker starts: every Zun container on the host as
/// Docker sees it, so the conductor can catch changes whose events were missed.
/// </summary>
public sealed record HostInventory
{
    public string Host { get; init; } = "";

    public InventoryEntry[] Containers { get; init; } = [];

    /// <summary>When the list was taken, by the worker's clock.</summary>
    public DateTimeOffset TakenAt { get; init; }
}
