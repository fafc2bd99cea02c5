using Zun.Contracts.Hosts;

namespace Zun.Conductor.Volumes;

/// <summary>A new container's mounts as its worker makes them, the host its volumes tie it to (null for none), or why it cannot have them.</summary>
public sealed record MountResolution(VolumeMountSpec[] Mounts, string? Host, string? Refusal);
