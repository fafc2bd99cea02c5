namespace Zun.Contracts;

/// <summary>
/// How Docker checks that a container is healthy (its HEALTHCHECK): <see cref="Command"/> run by the container's shell
/// every <see cref="IntervalSeconds"/>, failing after <see cref="TimeoutSeconds"/>, and unhealthy after
/// <see cref="Retries"/> failures in a row. Upstream's <c>healthcheck</c> ({cmd, interval, retries, timeout}).
/// </summary>
public sealed record Healthcheck
{
    public string Command { get; init; } = "";

    /// <summary>Seconds between checks; Docker's default (30) when absent.</summary>
    public int? IntervalSeconds { get; init; }

    /// <summary>Failures in a row that make the container unhealthy; Docker's default (3) when absent.</summary>
    public int? Retries { get; init; }

    /// <summary>Seconds one check may take; Docker's default (30) when absent.</summary>
    public int? TimeoutSeconds { get; init; }
}
