namespace Zun.Contracts;

/// <summary>
/// The page of containers matching a <see cref="ListContainers"/>, in the order it asked for. Each entry leaves
/// <see cref="ContainerInfo.RecentOperations"/> empty: <see cref="GetContainer"/> answers with a container's operations.
/// </summary>
public sealed record ContainerList
{
    public ContainerInfo[] Containers { get; init; } = [];

    /// <summary>The request's marker names no container it could list: the page is empty for that reason.</summary>
    public bool MarkerNotFound { get; init; }
}
