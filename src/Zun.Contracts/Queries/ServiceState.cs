namespace Zun.Contracts;

/// <summary>What a service command left of the host's service.</summary>
public sealed record ServiceState
{
    public string Host { get; init; } = "";

    public bool Disabled { get; init; }

    public string? DisabledReason { get; init; }

    public bool ForcedDown { get; init; }

    /// <summary>True once <see cref="DeleteService"/> removed it.</summary>
    public bool Deleted { get; init; }
}
