using Zun.Contracts;
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

    /// <summary>
    /// Creates the container without starting it, its exposed ports published on the worker's publish address.
    /// <paramref name="labels"/> are added to the spec's own. A container of the same id that exists already, or an
    /// image missing from the host, is a result, so that the usual create costs the engine one call.
    /// </summary>
    Task<CreateResult> CreateAsync(Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    Task StartAsync(Guid containerId, CancellationToken cancellationToken);

    Task StopAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Stops the container (killing it after <paramref name="timeout"/>) and starts it again.</summary>
    Task RestartAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken);

    Task KillAsync(Guid containerId, string signal, CancellationToken cancellationToken);

    Task PauseAsync(Guid containerId, CancellationToken cancellationToken);

    Task UnpauseAsync(Guid containerId, CancellationToken cancellationToken);

    /// <summary>Changes the CPU limit (cores) and memory limit (MiB) of the container, live; an absent value stays as it is.</summary>
    Task UpdateAsync(Guid containerId, double? cpu, int? memoryMb, CancellationToken cancellationToken);

    /// <summary>Makes an image of the container, pausing it while that happens, tagged <c>repository:tag</c>; returns the image id.</summary>
    Task<string> CommitAsync(Guid containerId, string repository, string tag, CancellationToken cancellationToken);

    /// <summary>Waits until the container is no longer running, or until <paramref name="timeout"/>.</summary>
    Task WaitForExitAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken);

    Task RemoveAsync(Guid containerId, bool force, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="command"/> in the running container and collects its output (stdout and stderr interleaved).
    /// Past <paramref name="timeout"/> the answer says so, without an exit code. Null when the container does not exist.
    /// </summary>
    Task<ExecResult?> ExecAsync(Guid containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The container's logs, the newest kept when they exceed the output limit. Null when the container does not exist.</summary>
    Task<ContainerLogs?> GetLogsAsync(Guid containerId, GetContainerLogs request, CancellationToken cancellationToken);

    /// <summary>The container's processes, as <c>ps <paramref name="psArgs"/></c> shows them. Null when the container does not exist.</summary>
    Task<ContainerTop?> GetTopAsync(Guid containerId, string psArgs, CancellationToken cancellationToken);

    /// <summary>One sample of the running container's resource use. Null when the container does not exist.</summary>
    Task<ContainerStats?> GetStatsAsync(Guid containerId, CancellationToken cancellationToken);

    /// <summary>
    /// What is at the absolute <paramref name="path"/> in the container, as a tar archive (its top entry named after the
    /// path's last part) with Docker's stat of the path; with <paramref name="statOnly"/>, only the stat, null when nothing
    /// is at the path. Null when the container does not exist. An archive above <see cref="Options.WorkerOptions.MaxArchiveBytes"/>
    /// is refused with a <see cref="ContainerRuntimeException"/> naming the setting.
    /// </summary>
    Task<ContainerArchive?> GetArchiveAsync(Guid containerId, string path, bool statOnly, CancellationToken cancellationToken);

    /// <summary>
    /// Extracts <paramref name="tar"/>, read through and checked by the caller, into the existing directory
    /// <paramref name="path"/> of the container. False when the container does not exist.
    /// </summary>
    Task<bool> PutArchiveAsync(Guid containerId, string path, byte[] tar, CancellationToken cancellationToken);

    /// <summary>Every container labelled with <paramref name="host"/>, stopped ones included.</summary>
    Task<IReadOnlyList<RuntimeContainer>> ListAsync(string host, CancellationToken cancellationToken);

    /// <summary>Answers once the engine answers at all; throws <see cref="ContainerRuntimeException"/> when it cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>The engine's own clock, the one its event times are read on.</summary>
    Task<DateTimeOffset> GetEngineTimeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The engine's events about containers labelled with <paramref name="host"/>, from <paramref name="since"/> (the
    /// engine replays the recent ones it still holds) onwards. The sequence ends when the engine ends the stream, and
    /// throws <see cref="ContainerRuntimeException"/> when the connection fails.
    /// </summary>
    IAsyncEnumerable<RuntimeEvent> WatchEventsAsync(string host, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The host's capacity and the number of Zun containers labelled with <paramref name="host"/>.</summary>
    Task<HostCapacity> GetCapacityAsync(string host, CancellationToken cancellationToken);

    /// <summary>What the host is: architecture, operating system, kernel, the engine's labels and runtimes, its disk.</summary>
    Task<HostPlatform> GetPlatformAsync(CancellationToken cancellationToken);
}
