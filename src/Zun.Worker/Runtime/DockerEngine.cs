using Docker.DotNet;
using Docker.DotNet.Models;
using Zun.Contracts.Hosts;

namespace Zun.Worker.Runtime;

/// <summary>What the engine says about itself and its host: that it is there, its clock, the room the host has, and what the host is.</summary>
internal sealed class DockerEngine(IDockerClient docker)
{
    public Task PingAsync(CancellationToken cancellationToken) =>
        EngineCall.RunAsync(() => docker.System.PingAsync(cancellationToken));

    public Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken) =>
        EngineCall.RunAsync(async () =>
        {
            var info = await docker.System.GetSystemInfoAsync(cancellationToken);
            return EngineTime.Parse(info.SystemTime)
                ?? throw new ContainerRuntimeException($"the engine's clock reads '{info.SystemTime}', which is not a time", isTransient: true);
        });

    public Task<HostCapacity> GetCapacityAsync(string host, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(async () =>
        {
            var info = await docker.System.GetSystemInfoAsync(cancellationToken);
            var ours = await docker.Containers.ListContainersAsync(DockerContainers.OnHost(host), cancellationToken);
            return new HostCapacity(
                (int)info.NCPU,
                info.MemTotal / (1024 * 1024),
                ours.Count(c => c.State == "running"),
                ours.Count);
        });

    public Task<HostPlatform> GetPlatformAsync(CancellationToken cancellationToken) =>
        EngineCall.RunAsync(async () => Platform(await docker.System.GetSystemInfoAsync(cancellationToken)));

    private static HostPlatform Platform(SystemInfoResponse info) => new()
    {
        Architecture = info.Architecture ?? "",
        OperatingSystem = info.OperatingSystem ?? "",
        OsType = info.OSType ?? "",
        KernelVersion = info.KernelVersion ?? "",
        Labels = EngineLabels(info.Labels),
        Runtimes = info.Runtimes is { Count: > 0 } runtimes ? [.. runtimes.Keys.Order(StringComparer.Ordinal)] : ["runc"],
        DiskTotalGb = DiskSize.TotalGb(info.DockerRootDir),
    };

    /// <summary>The engine lists its labels as <c>key=value</c> strings; the value may itself hold '='.</summary>
    private static Dictionary<string, string> EngineLabels(IList<string>? labels)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels ?? [])
        {
            var equals = label.IndexOf('=');
            if (equals < 0)
                parsed[label] = "";
            else
                parsed[label[..equals]] = label[(equals + 1)..];
        }

        return parsed;
    }
}
