namespace Zun.Contracts;

/// <summary>Asks the conductor for the worker hosts it knows from their heartbeats; answered with <see cref="HostList"/>.</summary>
public sealed record ListHosts
{
    /// <summary>Only this host, when given.</summary>
    public string? Host { get; init; }

    /// <summary>
    /// Hosts whose heartbeats stopped as well (<see cref="WorkerHost.Up"/> false), with what they last reported; without
    /// it, only the hosts heard from within the liveness window.
    /// </summary>
    public bool IncludeDown { get; init; }
}
