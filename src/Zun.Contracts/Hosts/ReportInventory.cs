namespace Zun.Contracts.Hosts;

/// <summary>Conductor to worker: publish a <see cref="HostInventory"/> now (after an operation timed out, for instance).</summary>
public sealed record ReportInventory
{
    public string Host { get; init; } = "";

    public string? Reason { get; init; }
}
