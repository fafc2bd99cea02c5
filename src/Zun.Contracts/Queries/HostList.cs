namespace Zun.Contracts;

/// <summary>The worker hosts a conductor knows, as <see cref="ListHosts"/> asked for them, ordered by name.</summary>
public sealed record HostList
{
    public WorkerHost[] Hosts { get; init; } = [];
}
