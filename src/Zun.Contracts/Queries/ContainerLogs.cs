namespace Zun.Contracts;

/// <summary>A container's logs.</summary>
public sealed record ContainerLogs
{
    public Guid ContainerId { get; init; }

    public string Output { get; init; } = "";

    /// <summary>Output beyond the worker's limit was cut off (the newest lines are kept).</summary>
    public bool Truncated { get; init; }
}
