namespace Zun.Conductor.Placement.Filters;

/// <summary>A container that mounts Zun volumes goes only to their host: a Docker volume lives on one engine.</summary>
internal sealed class VolumeFilter : IHostFilter
{
    public HostRefusal? Check(KnownWorker host, PlacementRequest request, HostRecord record, DateTimeOffset now) =>
        request.VolumeHost is { } volumeHost && host.Host != volumeHost
            ? new($"the container's {(request.VolumeNames.Count == 1 ? "volume" : "volumes")} {string.Join(", ", request.VolumeNames)} {(request.VolumeNames.Count == 1 ? "is" : "are")} on host {volumeHost}")
            : null;
}
