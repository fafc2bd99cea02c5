namespace Zun.Contracts;

/// <summary>
/// A conductor stopped hearing a worker's heartbeats for <c>Zun:Conductor:HostDownSeconds</c>: the host is down. Every
/// container on it becomes Unknown with the reason "host &lt;name&gt; is down" (each with its own
/// <see cref="ContainerStatusChanged"/>) and takes no command but a forced delete until the host reports again. Each
/// conductor that notices publishes it; applying it twice changes nothing.
/// </summary>
public sealed record HostWentDown
{
    public string Host { get; init; } = "";

    /// <summary>The host's last heartbeat as this conductor heard it; null when it has heard none since it started.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
