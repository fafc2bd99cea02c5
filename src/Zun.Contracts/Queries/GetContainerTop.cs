namespace Zun.Contracts;

/// <summary>Lists a running container's processes; answered with <see cref="ContainerTop"/>, <see cref="RequestRejected"/> or <see cref="ContainerNotFound"/>.</summary>
public sealed record GetContainerTop : ICallerScope
{
    public Guid ContainerId { get; init; }

    /// <summary><c>ps</c> arguments; <c>-ef</c> when absent.</summary>
    public string? PsArgs { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
