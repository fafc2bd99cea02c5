namespace Zun.Contracts;

/// <summary>Asks the conductor for the worker hosts it knows from their heartbeats; answered with <see cref="HostList"/>.</summary>
public sealed record ListHosts
{
    /// <summary>Only this host, when given.</summary>
    public string? Host { get; init; }
}
