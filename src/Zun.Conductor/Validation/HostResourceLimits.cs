using Microsoft.Extensions.Options;
using Zun.Conductor.Options;
using Zun.Conductor.Placement;

namespace Zun.Conductor.Validation;

/// <summary>
/// The limits a container's resources are checked against when a command asks for them: the bounds of
/// <c>Zun:Limits</c>, and the cores of its host as that host's heartbeats say, or of the largest live host when it has
/// none yet. When the conductor knows no such host (none is live, or the one named is not), cpu is not bounded: the
/// command is accepted, as a create is accepted and waits while no worker is live, rather than refused for want of
/// knowledge; a cpu the host cannot give is then refused by Docker on the host, and the operation fails saying so.
/// </summary>
internal sealed class HostResourceLimits(IOptions<LimitsOptions> options, IWorkerDirectory workers)
{
    /// <summary>The limits on <paramref name="host"/>, or on any host when it is null.</summary>
    public ResourceLimits For(string? host) => ResourceLimits.Of(options.Value, CoresOf(string.IsNullOrWhiteSpace(host) ? null : host.Trim()));

    private HostCores? CoresOf(string? host)
    {
        var live = workers.LiveWorkers();
        var worker = host is null ? live.MaxBy(w => w.Latest.Cpus) : live.FirstOrDefault(w => w.Host == host);
        if (worker is null || worker.Latest.Cpus <= 0)
            return null;

        return new HostCores(worker.Latest.Cpus, host is null ? $"the largest live host, {worker.Host}" : $"host {worker.Host}");
    }
}
