using Docker.DotNet;

namespace Zun.Worker.Runtime;

/// <summary>What the engine says about itself and its host: its clock and the room the host has.</summary>
internal sealed class DockerEngine(IDockerClient docker)
{
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
}
