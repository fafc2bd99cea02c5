namespace Zun.Contracts;

/// <summary>A container port published on its host.</summary>
public sealed record PublishedPort
{
    /// <summary>The container's port and protocol, e.g. <c>80/tcp</c>.</summary>
    public string ContainerPort { get; init; } = "";

    public string HostIp { get; init; } = "";

    public int HostPort { get; init; }
}
