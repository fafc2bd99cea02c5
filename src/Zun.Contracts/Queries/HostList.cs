namespace Zun.Contracts;

/// <summary>The worker hosts a conductor has heard from within its liveness window, ordered by name.</summary>
public sealed record HostList
{
    public WorkerHost[] Hosts { get; init; } = [];
}
