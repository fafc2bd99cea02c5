using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;

namespace Zun.Worker.Runtime;

/// <summary>
/// A runtime with no engine behind it (<c>Zun:Worker:Runtime = Null</c>), for benchmarks and scale tests of the
/// control plane only, like OpenStack's fake drivers. Every action succeeds at once on an in-memory table of
/// containers, so inspect, list and capacity answer consistently with what was done; nothing exits, dies or is
/// changed from outside, so the event stream stays open and empty. Nothing survives the process.
/// </summary>
internal sealed partial class NullContainerRuntime : IContainerRuntime
{
    private const int SigkillExitCode = 137;

    private readonly ConcurrentDictionary<Guid, FakeContainer> _containers = new();
    private readonly TimeProvider _clock;

    public NullContainerRuntime(IOptions<WorkerOptions> options, TimeProvider clock, ILogger<NullContainerRuntime> logger)
    {
        _clock = clock;
        LogNoRealContainers(logger, options.Value.Host);
    }

    public Task<RuntimeContainer?> InspectAsync(Guid containerId, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.TryGetValue(containerId, out var container) ? container.Snapshot() : null);

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task PullImageAsync(string image, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CreateResult> CreateAsync(Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, string>(spec.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in labels)
            all[key] = value;

        return Task.FromResult(_containers.TryAdd(containerId, new FakeContainer(containerId, spec.AutoRemove, all))
            ? CreateResult.Created
            : CreateResult.AlreadyExists);
    }

    public Task StartAsync(Guid containerId, CancellationToken cancellationToken) =>
        Change(containerId, c => c.Set(ContainerStatus.Running, exitCode: null));

    public Task StopAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) =>
        Change(containerId, c => c.Set(ContainerStatus.Stopped, SigkillExitCode));

    public Task RestartAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) =>
        Change(containerId, c => c.Set(ContainerStatus.Running, exitCode: null));

    public Task KillAsync(Guid containerId, string signal, CancellationToken cancellationToken) =>
        Change(containerId, c =>
        {
            c.RequireRunning();
            c.Set(ContainerStatus.Stopped, SigkillExitCode);
        });

    public Task PauseAsync(Guid containerId, CancellationToken cancellationToken) =>
        Change(containerId, c =>
        {
            c.RequireRunning();
            c.Set(ContainerStatus.Paused, exitCode: null);
        });

    public Task UnpauseAsync(Guid containerId, CancellationToken cancellationToken) =>
        Change(containerId, c => c.Set(ContainerStatus.Running, exitCode: null));

    public Task UpdateAsync(Guid containerId, double? cpu, int? memoryMb, CancellationToken cancellationToken) =>
        Change(containerId, _ => { });

    public async Task<string> CommitAsync(Guid containerId, string repository, string tag, CancellationToken cancellationToken)
    {
        await Change(containerId, _ => { });
        return $"sha256:{Guid.NewGuid():N}{Guid.NewGuid():N}";
    }

    public Task WaitForExitAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveAsync(Guid containerId, bool force, CancellationToken cancellationToken)
    {
        if (_containers.TryGetValue(containerId, out var container) && container.Snapshot().Running && !force)
            throw new ContainerRuntimeException($"You cannot remove a running container {container.RuntimeId}. Stop the container before attempting removal or force remove");
        _containers.TryRemove(containerId, out _);
        return Task.CompletedTask;
    }

    public Task<ExecResult?> ExecAsync(Guid containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.ContainsKey(containerId) ? new ExecResult { ContainerId = containerId, ExitCode = 0 } : null);

    public Task<ContainerLogs?> GetLogsAsync(Guid containerId, GetContainerLogs request, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.ContainsKey(containerId) ? new ContainerLogs { ContainerId = containerId } : null);

    public Task<ContainerTop?> GetTopAsync(Guid containerId, string psArgs, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.ContainsKey(containerId) ? new ContainerTop { ContainerId = containerId } : null);

    public Task<ContainerStats?> GetStatsAsync(Guid containerId, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.ContainsKey(containerId) ? new ContainerStats { ContainerId = containerId, Timestamp = _clock.GetUtcNow() } : null);

    /// <summary>Every path holds an empty directory: its archive is that one entry.</summary>
    public Task<ContainerArchive?> GetArchiveAsync(Guid containerId, string path, bool statOnly, CancellationToken cancellationToken)
    {
        if (!_containers.ContainsKey(containerId))
            return Task.FromResult<ContainerArchive?>(null);

        var name = path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed[(trimmed.LastIndexOf('/') + 1)..] : "/";
        var stat = new ArchiveStat { Name = name, Mode = (1u << 31) | 0b111_101_101, Mtime = _clock.GetUtcNow() };
        var data = "";
        if (!statOnly)
        {
            using var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, leaveOpen: true))
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, $"{name}/"));
            data = Convert.ToBase64String(tar.ToArray());
        }

        return Task.FromResult<ContainerArchive?>(new ContainerArchive { ContainerId = containerId, Path = path, Data = data, Stat = stat });
    }

    /// <summary>What is put is not kept: the next get finds the empty directory again.</summary>
    public Task<bool> PutArchiveAsync(Guid containerId, string path, byte[] tar, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.ContainsKey(containerId));

    public Task<IReadOnlyList<RuntimeContainer>> ListAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RuntimeContainer>>(
            [.. _containers.Values.Select(c => c.Snapshot()).Where(c => c.Labels.TryGetValue(ContainerLabels.Host, out var h) && h == host)]);

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DateTimeOffset> GetEngineTimeAsync(CancellationToken cancellationToken) => Task.FromResult(_clock.GetUtcNow());

    /// <summary>Nothing happens to these containers that Zun did not do itself: the stream stays open, empty, until cancelled.</summary>
    public async IAsyncEnumerable<RuntimeEvent> WatchEventsAsync(
        string host, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    public Task<HostCapacity> GetCapacityAsync(string host, CancellationToken cancellationToken)
    {
        var ours = _containers.Values.Select(c => c.Snapshot()).Where(c => c.Labels.TryGetValue(ContainerLabels.Host, out var h) && h == host).ToList();
        var memoryMb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        return Task.FromResult(new HostCapacity(Environment.ProcessorCount, memoryMb, ours.Count(c => c.Running), ours.Count));
    }

    public Task<HostPlatform> GetPlatformAsync(CancellationToken cancellationToken) => Task.FromResult(MachinePlatform.Read());

    private Task Change(Guid containerId, Action<FakeContainer> change)
    {
        if (!_containers.TryGetValue(containerId, out var container))
            throw new ContainerRuntimeException($"No such container: {ContainerLabels.DockerName(containerId)}");
        change(container);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "THE NULL CONTAINER RUNTIME IS IN USE (Zun:Worker:Runtime = Null): host {Host} creates NO real container. Every action succeeds at once on an in-memory table that is lost when this process ends. For benchmarks and scale tests of the control plane only; never run it where real containers are expected.")]
    private static partial void LogNoRealContainers(ILogger logger, string host);

    /// <summary>One pretend container; its state changes under a lock so a snapshot is never torn.</summary>
    private sealed class FakeContainer(Guid containerId, bool autoRemove, IReadOnlyDictionary<string, string> labels)
    {
        private readonly Lock _gate = new();
        private ContainerStatus _status = ContainerStatus.Created;
        private int? _exitCode;

        public string RuntimeId { get; } = $"null-{containerId:N}";

        public void Set(ContainerStatus status, int? exitCode)
        {
            lock (_gate)
                (_status, _exitCode) = (status, exitCode);
        }

        public void RequireRunning()
        {
            lock (_gate)
            {
                if (_status != ContainerStatus.Running)
                    throw new ContainerRuntimeException($"Container {RuntimeId} is not running");
            }
        }

        public RuntimeContainer Snapshot()
        {
            lock (_gate)
            {
                return new RuntimeContainer(RuntimeId, _status, _status == ContainerStatus.Running, _status == ContainerStatus.Running ? null : _exitCode, StatusReason: null)
                {
                    AutoRemove = autoRemove,
                    Labels = labels,
                };
            }
        }
    }
}
