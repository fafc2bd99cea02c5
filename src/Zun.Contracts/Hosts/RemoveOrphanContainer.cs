namespace Zun.Contracts.Hosts;

/// <summary>
/// Conductor to worker: a container labelled as Zun's that Zun has no live record of (never known, or
/// already deleted). The worker removes it, so nothing Zun started runs on unaccounted for.
/// </summary>
public sealed record RemoveOrphanContainer
{
    public Guid ContainerId { get; init; }

    public string Host { get; init; } = "";

    public string Reason { get; init; } = "";
}
