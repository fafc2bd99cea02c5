namespace Zun.Contracts;

/// <summary>Asks for a container's state; answered with <see cref="ContainerInfo"/> or <see cref="ContainerNotFound"/>.</summary>
public sealed record GetContainer : ICallerScope
{
    public Guid ContainerId { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
