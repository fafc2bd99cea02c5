namespace Zun.Contracts;

/// <summary>Reads a running container's resource use; answered with <see cref="ContainerStats"/>, <see cref="RequestRejected"/> or <see cref="ContainerNotFound"/>.</summary>
public sealed record GetContainerStats : ICallerScope
{
    public Guid ContainerId { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
