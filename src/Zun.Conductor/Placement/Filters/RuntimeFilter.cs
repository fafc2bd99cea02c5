namespace Zun.Conductor.Placement.Filters;

/// <summary>A container asking for an OCI runtime goes only to a host whose engine has it.</summary>
internal sealed class RuntimeFilter : IHostFilter
{
    public HostRefusal? Check(KnownWorker host, PlacementRequest request, HostRecord record, DateTimeOffset now)
    {
        // A worker too old to report its runtimes is given the benefit of the doubt; Docker refuses an unknown one.
        if (request.Runtime is not { } runtime || host.Latest.Platform is not { Runtimes.Length: > 0 } platform)
            return null;

        return platform.Runtimes.Contains(runtime, StringComparer.Ordinal)
            ? null
            : new($"runtime {runtime} not offered (it has {string.Join(", ", platform.Runtimes)})");
    }
}
