namespace Zun.Contracts.Hosts;

/// <summary>One container in a <see cref="HostInventory"/>.</summary>
public sealed record InventoryEntry
{
    public Guid ContainerId { get; init; }

    public ContainerStatus Status { get; init; }

    public int? ExitCode { get; init; }

    public string? StatusReason { get; init; }
}
