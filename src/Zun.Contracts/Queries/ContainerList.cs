namespace Zun.Contracts;

/// <summary>The page of containers matching a <see cref="ListContainers"/>, in the order it asked for.</summary>
public sealed record ContainerList
{
    public ContainerInfo[] Containers { get; init; } = [];

    /// <summary>The request's marker names no container it could list: the page is empty for that reason.</summary>
    public bool MarkerNotFound { get; init; }
}
