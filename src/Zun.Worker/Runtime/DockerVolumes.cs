using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Zun.Worker.Runtime;

/// <summary><see cref="IVolumeRuntime"/> on the engine's <c>/volumes</c> API, always with the local driver.</summary>
internal sealed class DockerVolumes(IDockerClient docker) : IVolumeRuntime
{
    private const string LocalDriver = "local";

    public Task CreateAsync(string dockerVolume, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        // Docker answers a create of a volume that exists with that volume, so a redelivery changes nothing.
        EngineCall.RunAsync(() => docker.Volumes.CreateAsync(
            new VolumesCreateParameters { Name = dockerVolume, Driver = LocalDriver, Labels = new Dictionary<string, string>(labels) }, cancellationToken));

    public Task<bool> ExistsAsync(string dockerVolume, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(
            async () =>
            {
                await docker.Volumes.InspectAsync(dockerVolume, cancellationToken);
                return true;
            },
            (EngineCall.NotFound, false));

    public Task RemoveAsync(string dockerVolume, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(() => docker.Volumes.RemoveAsync(dockerVolume, force: false, cancellationToken), EngineCall.NotFound);

    public async Task<IReadOnlyList<RuntimeVolume>> ListAsync(string host, CancellationToken cancellationToken)
    {
        var listed = await EngineCall.RunAsync(() => docker.Volumes.ListAsync(
            new VolumesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [VolumeLabels.VolumeId] = true, [$"{ContainerLabels.Host}={host}"] = true },
                },
            },
            cancellationToken));
        return [.. (listed.Volumes ?? []).Select(v => new RuntimeVolume(v.Name, v.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(v.Labels), CreatedAt(v.CreatedAt)))];
    }

    private static DateTimeOffset? CreatedAt(string? createdAt) =>
        DateTimeOffset.TryParse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
