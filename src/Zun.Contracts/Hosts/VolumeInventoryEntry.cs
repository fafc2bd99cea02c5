namespace Zun.Contracts.Hosts;

/// <summary>One Docker volume labelled <c>zun.volume-id</c> in a <see cref="HostInventory"/>.</summary>
public sealed record VolumeInventoryEntry
{
    public Guid VolumeId { get; init; }

    public string DockerVolume { get; init; } = "";

    /// <summary>When Docker created it; an unknown volume younger than the grace period is not an orphan.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
