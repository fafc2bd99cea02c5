using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>
/// Carries out one action on the runtime and says what the container looks like afterwards.
/// Every action is idempotent: a redelivered action finds its work done and reports the same outcome.
/// </summary>
internal sealed class ContainerActionHandler(IContainerRuntime runtime, IOptions<WorkerOptions> options)
{
    private WorkerOptions Options => options.Value;

    public Task<RuntimeContainer?> Handle(PerformContainerAction action, CancellationToken cancellationToken) => action.Action switch
    {
        ContainerAction.Create => Create(action, cancellationToken),
        ContainerAction.Start => Start(action.ContainerId, cancellationToken),
        ContainerAction.Stop => Stop(action, cancellationToken),
        ContainerAction.Kill => Kill(action, cancellationToken),
        ContainerAction.Delete => Delete(action, cancellationToken),
        _ => throw new ContainerRuntimeException($"action {action.Action} is not supported by this worker"),
    };

    private async Task<RuntimeContainer?> Create(PerformContainerAction action, CancellationToken cancellationToken)
    {
        var spec = action.Spec ?? throw new ContainerRuntimeException("create carries no container spec");
        if (await runtime.InspectAsync(action.ContainerId, cancellationToken) is null)
        {
            await EnsureImage(spec.Image, cancellationToken);
            await runtime.CreateAsync(action.ContainerId, spec, Labels(action), cancellationToken);
        }

        return action.Run
            ? await Start(action.ContainerId, cancellationToken)
            : await Existing(action.ContainerId, cancellationToken);
    }

    private async Task EnsureImage(string image, CancellationToken cancellationToken)
    {
        if (await runtime.ImageExistsAsync(image, cancellationToken))
            return;

        try
        {
            await runtime.PullImageAsync(image, cancellationToken);
        }
        catch (ContainerRuntimeException e) when (!e.IsTransient)
        {
            throw new ContainerRuntimeException($"image '{image}' could not be pulled on host {Options.Host}: {e.Message}", inner: e);
        }
    }

    private async Task<RuntimeContainer?> Start(Guid containerId, CancellationToken cancellationToken)
    {
        var container = await Existing(containerId, cancellationToken);
        if (container is { Running: false })
        {
            await runtime.StartAsync(containerId, cancellationToken);
            container = await Existing(containerId, cancellationToken);
        }

        return container;
    }

    private async Task<RuntimeContainer?> Stop(PerformContainerAction action, CancellationToken cancellationToken)
    {
        await Existing(action.ContainerId, cancellationToken);
        var timeout = TimeSpan.FromSeconds(action.TimeoutSeconds ?? Options.DefaultStopTimeoutSeconds);
        await runtime.StopAsync(action.ContainerId, timeout, cancellationToken);
        return await Existing(action.ContainerId, cancellationToken);
    }

    private async Task<RuntimeContainer?> Kill(PerformContainerAction action, CancellationToken cancellationToken)
    {
        var container = await Existing(action.ContainerId, cancellationToken);
        if (!container.Running)
            return container; // nothing left to signal: a redelivered kill, or the process exited first

        var signal = action.Signal ?? "SIGKILL";
        await runtime.KillAsync(action.ContainerId, signal, cancellationToken);
        if (signal is "SIGKILL" or "9")
            await runtime.WaitForExitAsync(action.ContainerId, TimeSpan.FromSeconds(Options.KillWaitSeconds), cancellationToken);

        return await Existing(action.ContainerId, cancellationToken);
    }

    private async Task<RuntimeContainer?> Delete(PerformContainerAction action, CancellationToken cancellationToken)
    {
        var container = await runtime.InspectAsync(action.ContainerId, cancellationToken);
        if (container is null)
            return null;

        if (container.Running && !action.Force)
        {
            if (!action.Stop)
                throw new ContainerRuntimeException("container is running: stop it first, or delete with stop or force");

            await runtime.StopAsync(action.ContainerId, TimeSpan.FromSeconds(action.TimeoutSeconds ?? Options.DefaultStopTimeoutSeconds), cancellationToken);
        }

        await runtime.RemoveAsync(action.ContainerId, action.Force, cancellationToken);
        return null;
    }

    private async Task<RuntimeContainer> Existing(Guid containerId, CancellationToken cancellationToken) =>
        await runtime.InspectAsync(containerId, cancellationToken)
        ?? throw new ContainerRuntimeException($"No such container: {ContainerLabels.DockerName(containerId)}");

    private Dictionary<string, string> Labels(PerformContainerAction action) => new(StringComparer.Ordinal)
    {
        [ContainerLabels.ContainerId] = action.ContainerId.ToString("D"),
        [ContainerLabels.Host] = Options.Host,
        [ContainerLabels.OperationId] = action.OperationId.ToString("D"),
    };
}
