namespace Zun.Contracts;

/// <summary>Lists the containers Zun knows, filtered by any of the fields given; answered with <see cref="ContainerList"/>.</summary>
public sealed record ListContainers
{
    public ContainerStatus? Status { get; init; }

    public string? Host { get; init; }

    public string? ProjectId { get; init; }

    public string? Name { get; init; }

    /// <summary>Include deleted containers (left out by default).</summary>
    public bool IncludeDeleted { get; init; }
}
