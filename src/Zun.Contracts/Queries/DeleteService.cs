namespace Zun.Contracts;

/// <summary>
/// Forgets the host (its record and its row in the service list); refused while containers hold claims there. A worker
/// that still sends heartbeats comes back, as upstream's service does when it reports again.
/// </summary>
public sealed record DeleteService : IServiceCommand
{
    public string Host { get; init; } = "";
}
