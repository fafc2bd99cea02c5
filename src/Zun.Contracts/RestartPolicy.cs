namespace Zun.Contracts;

/// <summary>What Docker does when a container's process exits, as Docker and OpenStack Zun name it.</summary>
public sealed record RestartPolicy
{
    /// <summary><c>no</c>, <c>always</c>, <c>on-failure</c> or <c>unless-stopped</c>.</summary>
    public string Name { get; init; } = "no";

    /// <summary>For <c>on-failure</c>: how many restarts at most (0 is unlimited).</summary>
    public int? MaximumRetryCount { get; init; }
}
