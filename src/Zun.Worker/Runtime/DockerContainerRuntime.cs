using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Worker.Options;
using ContainerSpec = Zun.Contracts.Hosts.ContainerSpec;

namespace Zun.Worker.Runtime;

/// <summary>
/// <see cref="IContainerRuntime"/> on the Docker engine API, through one client per engine. This file holds the
/// container lifecycle; queries (exec, logs, top, stats) and the event stream live in the other parts of the class,
/// and <see cref="EngineCall"/> turns the engine's failures into results.
/// </summary>
internal sealed partial class DockerContainerRuntime(IDockerClient docker, IOptions<WorkerOptions> options) : IContainerRuntime
{
    private WorkerOptions Options => options.Value;

    public Task<RuntimeContainer?> InspectAsync(Guid containerId, CancellationToken cancellationToken) =>
        EngineCall.NullIfNoContainerAsync(async () =>
            ToRuntimeContainer(await docker.Containers.InspectContainerAsync(ContainerLabels.DockerName(containerId), cancellationToken)));

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(
            async () =>
            {
                await docker.Images.InspectImageAsync(image, cancellationToken);
                return true;
            },
            (EngineCall.NoSuchImage, false));

    public async Task PullImageAsync(string image, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(image);
        string? streamedError = null;

        // The engine reports some pull failures inside the progress stream rather than as a status code.
        var progress = new SynchronousProgress<JSONMessage>(m => streamedError ??= m.Error?.Message);
        await EngineCall.RunAsync(() => docker.Images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = reference.Repository, Tag = reference.Tag },
            authConfig: null,
            progress,
            cancellationToken));

        if (streamedError is not null && !await ImageExistsAsync(image, cancellationToken))
            throw new ContainerRuntimeException(streamedError);
    }

    public Task<CreateResult> CreateAsync(Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var parameters = CreateParametersBuilder.Build(containerId, spec, labels, Options.PublishAddress);
        return EngineCall.RunAsync(
            async () =>
            {
                await docker.Containers.CreateContainerAsync(parameters, cancellationToken);
                return CreateResult.Created;
            },
            // The name zun-<id> is taken only when this container was created before.
            (EngineCall.NameInUse, CreateResult.AlreadyExists),
            // A create answers 404 only for its image.
            (EngineCall.NoSuchImage, CreateResult.ImageMissing));
    }

    public Task StartAsync(Guid containerId, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(() => docker.Containers.StartContainerAsync(ContainerLabels.DockerName(containerId), new ContainerStartParameters(), cancellationToken));

    public Task StopAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(() => docker.Containers.StopContainerAsync(
            ContainerLabels.DockerName(containerId),
            new ContainerStopParameters { WaitBeforeKillSeconds = WaitBeforeKill(timeout) },
            cancellationToken));

    public Task RestartAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(() => docker.Containers.RestartContainerAsync(
            ContainerLabels.DockerName(containerId),
            new ContainerRestartParameters { WaitBeforeKillSeconds = WaitBeforeKill(timeout) },
            cancellationToken));

    public Task KillAsync(Guid containerId, string signal, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(() => docker.Containers.KillContainerAsync(
            ContainerLabels.DockerName(containerId), new ContainerKillParameters { Signal = signal }, cancellationToken));

    public Task PauseAsync(Guid containerId, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(() => docker.Containers.PauseContainerAsync(ContainerLabels.DockerName(containerId), cancellationToken));

    public Task UnpauseAsync(Guid containerId, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(() => docker.Containers.UnpauseContainerAsync(ContainerLabels.DockerName(containerId), cancellationToken));

    public Task UpdateAsync(Guid containerId, double? cpu, int? memoryMb, CancellationToken cancellationToken)
    {
        var parameters = new ContainerUpdateParameters();
        if (cpu is { } cores)
            parameters.NanoCPUs = (long)(cores * 1_000_000_000);
        if (memoryMb is { } mb)
        {
            // Docker refuses a memory limit above the container's memory+swap limit unless both change together.
            // Creating with only a memory limit makes memory+swap twice the memory; keep that ratio.
            parameters.Memory = mb * 1024L * 1024L;
            parameters.MemorySwap = 2 * parameters.Memory;
        }

        return EngineCall.RunAsync(() => docker.Containers.UpdateContainerAsync(ContainerLabels.DockerName(containerId), parameters, cancellationToken));
    }

    public Task<string> CommitAsync(Guid containerId, string repository, string tag, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(async () =>
        {
            // Pause keeps the file system still while it is copied, as OpenStack Zun does; Docker unpauses afterwards.
            var image = await docker.Images.CommitContainerChangesAsync(
                new CommitContainerChangesParameters
                {
                    ContainerID = ContainerLabels.DockerName(containerId),
                    RepositoryName = repository,
                    Tag = tag,
                    Pause = true,
                },
                cancellationToken);
            return image.ID;
        });

    public async Task WaitForExitAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        // A container that does not exist has nothing left to wait for.
        await EngineCall.RunAsync(
            async () =>
            {
                try
                {
                    await docker.Containers.WaitContainerAsync(ContainerLabels.DockerName(containerId), deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Still running after the timeout: the caller reports what it then inspects.
                }
            },
            alreadyDone: EngineCall.NoSuchContainer);
    }

    // Already gone: removal is idempotent.
    public Task RemoveAsync(Guid containerId, bool force, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(
            () => docker.Containers.RemoveContainerAsync(
                ContainerLabels.DockerName(containerId), new ContainerRemoveParameters { Force = force }, cancellationToken),
            alreadyDone: EngineCall.NoSuchContainer);

    public Task<HostCapacity> GetCapacityAsync(string host, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(async () =>
        {
            var info = await docker.System.GetSystemInfoAsync(cancellationToken);
            var ours = await docker.Containers.ListContainersAsync(HostContainers(host), cancellationToken);
            return new HostCapacity(
                (int)info.NCPU,
                info.MemTotal / (1024 * 1024),
                ours.Count(c => c.State == "running"),
                ours.Count);
        });

    /// <summary>
    /// Docker.DotNet leaves a zero out of the query string, and the engine then waits its default 10 s: the shortest
    /// wait that can be asked for is 1 s.
    /// </summary>
    private static uint WaitBeforeKill(TimeSpan timeout) => Math.Max(1, (uint)timeout.TotalSeconds);

    private static ContainersListParameters HostContainers(string host) => new()
    {
        All = true,
        Filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Host}={host}"] = true },
        },
    };

    private static RuntimeContainer ToRuntimeContainer(ContainerInspectResponse inspected)
    {
        var state = inspected.State ?? new Docker.DotNet.Models.State { Status = "unknown" };
        return new RuntimeContainer(
            inspected.ID,
            DockerStatusMapping.ToZunStatus(state),
            state.Running && !state.Paused,
            state.Running ? null : (int)state.ExitCode,
            DockerStatusMapping.Reason(state))
        {
            Ports = PublishedPorts(inspected.NetworkSettings),
            AutoRemove = inspected.HostConfig?.AutoRemove ?? false,
            Labels = inspected.Config?.Labels is { } labels
                ? new Dictionary<string, string>(labels, StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            CreatedAt = inspected.Created == default ? null : new DateTimeOffset(DateTime.SpecifyKind(inspected.Created, DateTimeKind.Utc)),
        };
    }

    private static PublishedPort[] PublishedPorts(NetworkSettings? network) =>
        network?.Ports is not { } ports
            ? []
            : [.. from port in ports
                  from binding in port.Value ?? []
                  where int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                  orderby port.Key, binding.HostIP
                  select new PublishedPort
                  {
                      ContainerPort = port.Key,
                      HostIp = binding.HostIP ?? "",
                      HostPort = int.Parse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture),
                  }];
}
