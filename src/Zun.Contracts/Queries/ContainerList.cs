namespace Zun.Contracts;

/// <summary>The containers matching a <see cref="ListContainers"/>, ordered by creation time.</summary>
public sealed record ContainerList
{
    public ContainerInfo[] Containers { get; init; } = [];
}
