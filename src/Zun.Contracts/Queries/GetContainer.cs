namespace Zun.Contracts;

/// <summary>Asks for a container's state; answered with <see cref="ContainerInfo"/> or <see cref="ContainerNotFound"/>.</summary>
public sealed record GetContainer
{
    public Guid ContainerId { get; init; }
}
