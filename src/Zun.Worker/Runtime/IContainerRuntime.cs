using Zun.Contracts.Hosts;

namespace Zun.Worker.Runtime;

/// <summary>
/// The container engine of one host, addressed by Zun's container ids. Every call is cancellable;
/// a missing container is a result (null or a no-op), never an exception; failures throw
/// <see cref="ContainerRuntimeException"/>.
/// </summary>
public interface IContainerRuntime
{
    Task<RuntimeContainer?> InspectAsync(Guid containerId, CancellationToken cancellationToken);

    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    Task PullImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>Creates the container without starting it. <paramref name="labels"/> are added to the spec's own.</summary>
    Task CreateAsync(Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    Task StartAsync(Guid containerId, CancellationToken cancellationToken);

    Task StopAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken);

    Task KillAsync(Guid containerId, string signal, CancellationToken cancellationToken);

    /// <summary>Waits until the container is no longer running, or until <paramref name="timeout"/>.</summary>
    Task WaitForExitAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken);

    Task RemoveAsync(Guid containerId, bool force, CancellationToken cancellationToken);

    /// <summary>The host's capacity and the number of Zun containers labelled with <paramref name="host"/>.</summary>
    Task<HostCapacity> GetCapacityAsync(string host, CancellationToken cancellationToken);
}
