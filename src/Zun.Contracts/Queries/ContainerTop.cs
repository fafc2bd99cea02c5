namespace Zun.Contracts;

/// <summary>A container's process table: column titles and one row per process.</summary>
public sealed record ContainerTop
{
    public Guid ContainerId { get; init; }

    public string[] Titles { get; init; } = [];

    public string[][] Processes { get; init; } = [];
}
