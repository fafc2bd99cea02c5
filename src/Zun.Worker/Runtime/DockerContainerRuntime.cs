using Docker.DotNet;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;

namespace Zun.Worker.Runtime;

/// <summary>
/// <see cref="IContainerRuntime"/> on the Docker engine API, through one client per engine. Each resource has its own
/// small wrapper (containers, images, the questions asked of a container, its files, events, the engine itself), and
/// <see cref="EngineCall"/> is where every one of them turns the engine's failures and refusals into results.
/// </summary>
internal sealed class DockerContainerRuntime : IContainerRuntime
{
    private readonly DockerContainers _containers;
    private readonly DockerImages _images;
    private readonly DockerContainerQueries _queries;
    private readonly DockerContainerArchives _archives;
    private readonly DockerEvents _events;
    private readonly DockerEngine _engine;

    public DockerContainerRuntime(IDockerClient docker, IOptions<WorkerOptions> options)
    {
        _containers = new DockerContainers(docker, options);
        _images = new DockerImages(docker);
        _queries = new DockerContainerQueries(docker, _containers, options);
        _archives = new DockerContainerArchives(docker, _containers, options);
        _events = new DockerEvents(docker);
        _engine = new DockerEngine(docker);
    }

    public Task<RuntimeContainer?> InspectAsync(Guid containerId, CancellationToken cancellationToken) =>
        _containers.InspectAsync(containerId, cancellationToken);

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) =>
        _images.ExistsAsync(image, cancellationToken);

    public Task PullImageAsync(string image, CancellationToken cancellationToken) =>
        _images.PullAsync(image, cancellationToken);

    public Task<CreateResult> CreateAsync(Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        _containers.CreateAsync(containerId, spec, labels, cancellationToken);

    public Task StartAsync(Guid containerId, CancellationToken cancellationToken) =>
        _containers.StartAsync(containerId, cancellationToken);

    public Task StopAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) =>
        _containers.StopAsync(containerId, timeout, cancellationToken);

    public Task RestartAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) =>
        _containers.RestartAsync(containerId, timeout, cancellationToken);

    public Task KillAsync(Guid containerId, string signal, CancellationToken cancellationToken) =>
        _containers.KillAsync(containerId, signal, cancellationToken);

    public Task PauseAsync(Guid containerId, CancellationToken cancellationToken) =>
        _containers.PauseAsync(containerId, cancellationToken);

    public Task UnpauseAsync(Guid containerId, CancellationToken cancellationToken) =>
        _containers.UnpauseAsync(containerId, cancellationToken);

    public Task UpdateAsync(Guid containerId, double? cpu, int? memoryMb, CancellationToken cancellationToken) =>
        _containers.UpdateAsync(containerId, cpu, memoryMb, cancellationToken);

    public Task<string> CommitAsync(Guid containerId, string repository, string tag, CancellationToken cancellationToken) =>
        _images.CommitAsync(containerId, repository, tag, cancellationToken);

    public Task WaitForExitAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) =>
        _containers.WaitForExitAsync(containerId, timeout, cancellationToken);

    public Task RemoveAsync(Guid containerId, bool force, CancellationToken cancellationToken) =>
        _containers.RemoveAsync(containerId, force, cancellationToken);

    public Task<ExecResult?> ExecAsync(Guid containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        _queries.ExecAsync(containerId, command, timeout, cancellationToken);

    public Task<ContainerLogs?> GetLogsAsync(Guid containerId, GetContainerLogs request, CancellationToken cancellationToken) =>
        _queries.GetLogsAsync(containerId, request, cancellationToken);

    public Task<ContainerTop?> GetTopAsync(Guid containerId, string psArgs, CancellationToken cancellationToken) =>
        _queries.GetTopAsync(containerId, psArgs, cancellationToken);

    public Task<ContainerStats?> GetStatsAsync(Guid containerId, CancellationToken cancellationToken) =>
        _queries.GetStatsAsync(containerId, cancellationToken);

    public Task<ContainerArchive?> GetArchiveAsync(Guid containerId, string path, bool statOnly, CancellationToken cancellationToken) =>
        _archives.GetAsync(containerId, path, statOnly, cancellationToken);

    public Task<bool> PutArchiveAsync(Guid containerId, string path, byte[] tar, CancellationToken cancellationToken) =>
        _archives.PutAsync(containerId, path, tar, cancellationToken);

    public Task<IReadOnlyList<RuntimeContainer>> ListAsync(string host, CancellationToken cancellationToken) =>
        _containers.ListAsync(host, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        _engine.PingAsync(cancellationToken);

    public Task<DateTimeOffset> GetEngineTimeAsync(CancellationToken cancellationToken) =>
        _engine.GetTimeAsync(cancellationToken);

    public IAsyncEnumerable<RuntimeEvent> WatchEventsAsync(string host, DateTimeOffset since, CancellationToken cancellationToken) =>
        _events.WatchAsync(host, since, cancellationToken);

    public Task<HostCapacity> GetCapacityAsync(string host, CancellationToken cancellationToken) =>
        _engine.GetCapacityAsync(host, cancellationToken);

    public Task<HostPlatform> GetPlatformAsync(CancellationToken cancellationToken) =>
        _engine.GetPlatformAsync(cancellationToken);
}
