using System.Collections.Concurrent;

namespace Zun.Worker.Runtime;

/// <summary>The volumes of the engine-less runtime (<c>Zun:Worker:Runtime = Null</c>): an in-memory table, nothing on disk.</summary>
internal sealed class NullVolumeRuntime(TimeProvider clock) : IVolumeRuntime
{
    private readonly ConcurrentDictionary<string, RuntimeVolume> _volumes = new(StringComparer.Ordinal);

    public Task CreateAsync(string dockerVolume, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        _volumes.TryAdd(dockerVolume, new RuntimeVolume(dockerVolume, new Dictionary<string, string>(labels), clock.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string dockerVolume, CancellationToken cancellationToken) => Task.FromResult(_volumes.ContainsKey(dockerVolume));

    public Task RemoveAsync(string dockerVolume, CancellationToken cancellationToken)
    {
        _volumes.TryRemove(dockerVolume, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RuntimeVolume>> ListAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RuntimeVolume>>([.. _volumes.Values.Where(v => v.Labels.GetValueOrDefault(ContainerLabels.Host) == host)]);
}
