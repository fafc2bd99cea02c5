using Zun.Conductor.Options;

namespace Zun.Conductor.Placement.Filters;

/// <summary>
/// A host takes a container only with the cores its cpu limit needs (Docker refuses a limit above them) and room for its
/// claim beside the claims already held there.
/// </summary>
internal sealed class ResourceFilter(PlacementOptions placement) : IHostFilter
{
    public HostRefusal? Check(KnownWorker host, PlacementRequest request, HostRecord record, DateTimeOffset now)
    {
        if (!host.HasCores(request.CpuLimit))
            return new($"cpu: it has {host.Latest.Cpus} cores, fewer than the {request.CpuLimit} asked for");

        return ClaimableResources.Of(host, placement).Refusal(record.Usage, request.Cpu, request.MemoryMb) is { } refusal ? new(refusal, Full: true) : null;
    }
}
