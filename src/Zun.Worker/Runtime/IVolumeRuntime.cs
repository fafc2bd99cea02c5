namespace Zun.Worker.Runtime;

/// <summary>
/// The named volumes of one host's engine, Zun's labelled with <see cref="VolumeLabels"/>. Every call is cancellable;
/// a missing volume is a result, never an exception; failures throw <see cref="ContainerRuntimeException"/>.
/// </summary>
public interface IVolumeRuntime
{
    /// <summary>Makes the volume with Docker's local driver, or finds it made (idempotent).</summary>
    Task CreateAsync(string dockerVolume, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string dockerVolume, CancellationToken cancellationToken);

    /// <summary>Removes the volume; one already gone is fine. The engine refuses (an exception) while a container uses it.</summary>
    Task RemoveAsync(string dockerVolume, CancellationToken cancellationToken);

    /// <summary>Every volume labelled as a Zun volume of <paramref name="host"/>.</summary>
    Task<IReadOnlyList<RuntimeVolume>> ListAsync(string host, CancellationToken cancellationToken);
}

/// <summary>A Zun volume as the engine has it.</summary>
public sealed record RuntimeVolume(string DockerVolume, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? CreatedAt);
