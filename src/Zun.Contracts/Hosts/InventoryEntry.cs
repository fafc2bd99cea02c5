namespace Zun.Contracts.Hosts;

/// <summary>One container in a <see cref="HostInventory"/>.</summary>
public sealed record InventoryEntry
{
    public Guid ContainerId { get; init; }

    public ContainerStatus Status { get; init; }

    public int? ExitCode { get; init; }

    public string? StatusReason { get; init; }

    /// <summary>When Docker created it; an unknown container younger than the grace period is not treated as an orphan.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
