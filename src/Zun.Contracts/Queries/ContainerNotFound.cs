namespace Zun.Contracts;

/// <summary>Answer to <see cref="GetContainer"/> for a container Zun does not know.</summary>
public sealed record ContainerNotFound
{
    public Guid ContainerId { get; init; }
}
