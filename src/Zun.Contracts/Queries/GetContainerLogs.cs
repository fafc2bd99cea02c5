namespace Zun.Contracts;

/// <summary>Reads a container's logs; answered with <see cref="ContainerLogs"/>, <see cref="RequestRejected"/> or <see cref="ContainerNotFound"/>.</summary>
public sealed record GetContainerLogs : ICallerScope
{
    public Guid ContainerId { get; init; }

    /// <summary>Include stdout; both streams when neither is set.</summary>
    public bool Stdout { get; init; }

    public bool Stderr { get; init; }

    /// <summary>Only the last N lines.</summary>
    public int? Tail { get; init; }

    /// <summary>Only lines written at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Prefix each line with its timestamp.</summary>
    public bool Timestamps { get; init; }

    public string? ProjectId { get; init; }

    public bool AllProjects { get; init; }
}
