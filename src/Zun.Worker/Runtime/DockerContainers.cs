using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;
using Zun.Worker.Options;
using ContainerSpec = Zun.Contracts.Hosts.ContainerSpec;

namespace Zun.Worker.Runtime;

/// <summary>The engine's containers: finding Zun's and taking them through their lifecycle.</summary>
internal sealed class DockerContainers(IDockerClient docker, IOptions<WorkerOptions> options)
{
    public Task<RuntimeContainer?> InspectAsync(Guid containerId, CancellationToken cancellationToken) =>
        InspectAsync(ContainerLabels.DockerName(containerId), cancellationToken);

    public async Task<IReadOnlyList<RuntimeContainer>> ListAsync(string host, CancellationToken cancellationToken)
    {
        var listed = await EngineCall.RunAsync(() => docker.Containers.ListContainersAsync(OnHost(host), cancellationToken));

        // The list has no exit codes or OOM flags; inspect gives each container's state the way actions report it.
        var containers = new List<RuntimeContainer>(listed.Count);
        foreach (var entry in listed)
        {
            // One removed since the list was taken is rightly absent.
            if (await InspectAsync(entry.ID, cancellationToken) is { } container)
                containers.Add(container);
        }

        return containers;
    }

    public Task<CreateResult> CreateAsync(Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var parameters = CreateParametersBuilder.Build(containerId, spec, labels, options.Value.PublishAddress);
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
        EngineCall.RunAsync(() => PauseRetry.RunAsync(
            () => docker.Containers.PauseContainerAsync(ContainerLabels.DockerName(containerId), cancellationToken), cancellationToken));

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

    public Task RemoveAsync(Guid containerId, bool force, CancellationToken cancellationToken) =>
        EngineCall.RunAsync(
            () => docker.Containers.RemoveContainerAsync(
                ContainerLabels.DockerName(containerId), new ContainerRemoveParameters { Force = force }, cancellationToken),
            // Already gone: removal is idempotent.
            alreadyDone: EngineCall.NoSuchContainer);

    /// <summary>Every container labelled with <paramref name="host"/>, stopped ones included.</summary>
    public static ContainersListParameters OnHost(string host) => new()
    {
        All = true,
        Filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Host}={host}"] = true },
        },
    };

    /// <summary>
    /// Docker.DotNet leaves a zero out of the query string, and the engine then waits its default 10 s: the shortest
    /// wait that can be asked for is 1 s.
    /// </summary>
    private static uint WaitBeforeKill(TimeSpan timeout) => Math.Max(1, (uint)timeout.TotalSeconds);

    private Task<RuntimeContainer?> InspectAsync(string nameOrId, CancellationToken cancellationToken) =>
        EngineCall.NullIfNoContainerAsync(async () =>
            RuntimeContainerMapping.From(await docker.Containers.InspectContainerAsync(nameOrId, cancellationToken)));
}
