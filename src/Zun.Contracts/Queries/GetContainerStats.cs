namespace Zun.Contracts;

/// <summary>Reads a running container's resource use; answered with <see cref="ContainerStats"/>, <see cref="RequestRejected"/> or <see cref="ContainerNotFound"/>.</summary>
public sealed record GetContainerStats
{
    public Guid ContainerId { get; init; }
}
