using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Contracts.Hosts;
using Zun.Worker.LiveState;
using Zun.Worker.Options;
using Zun.Worker.Runtime;

namespace Zun.Worker.Consumers;

/// <summary>
/// Carries out one action on the runtime and says what the container looks like afterwards.
/// Every action is idempotent: a redelivered action finds its work done and reports the same outcome.
/// Restart and commit are the exceptions in kind, not in result: done twice, the container is restarted twice,
/// or the tag is moved to a second, identical image.
/// </summary>
internal sealed class ContainerActionHandler(IContainerRuntime runtime, ContainerMounts mounts, OwnActionEchoes echoes, IOptions<WorkerOptions> options)
{
    private const string DefaultTag = "latest";

    private WorkerOptions Options => options.Value;

    public async Task<ActionOutcome> Handle(PerformContainerAction action, CancellationToken cancellationToken) => action.Action switch
    {
        ContainerAction.Commit => await Commit(action, cancellationToken),
        _ => new ActionOutcome(await Apply(action, cancellationToken)),
    };

    private Task<RuntimeContainer?> Apply(PerformContainerAction action, CancellationToken cancellationToken) => action.Action switch
    {
        ContainerAction.Create => Create(action, cancellationToken),
        ContainerAction.Start => Start(action.ContainerId, cancellationToken),
        ContainerAction.Stop => Stop(action, cancellationToken),
        ContainerAction.Kill => Kill(action, cancellationToken),
        ContainerAction.Delete => Delete(action, cancellationToken),
        ContainerAction.Restart => Restart(action, cancellationToken),
        ContainerAction.Pause => Pause(action.ContainerId, cancellationToken),
        ContainerAction.Unpause => Unpause(action.ContainerId, cancellationToken),
        ContainerAction.Update => Update(action, cancellationToken),
        ContainerAction.Rebuild => Rebuild(action, cancellationToken),

        // Renaming is the conductor's alone (Docker's name stays zun-<id>); answered, should it ever arrive.
        ContainerAction.Rename => Unchanged(action.ContainerId, cancellationToken),
        _ => throw new ContainerRuntimeException($"action {action.Action} is not supported by this worker"),
    };

    /// <summary>
    /// Creates first and asks questions only when the engine says no: the usual create (image present, container new,
    /// no published ports) costs create and start, as <c>docker run</c> does. A container that exists is a
    /// redelivered create; a missing image is pulled as the spec's pull policy says, then the create is tried again.
    /// </summary>
    private async Task<RuntimeContainer?> Create(PerformContainerAction action, CancellationToken cancellationToken)
    {
        var spec = action.Spec ?? throw new ContainerRuntimeException("create carries no container spec");
        var labels = Labels(action, spec);
        if (IsAlwaysPull(spec))
            await EnsureImage(spec, cancellationToken);

        var created = await CreateFromImage(action.ContainerId, spec, labels, cancellationToken);
        if (!action.Run)
            return await Existing(action.ContainerId, cancellationToken);
        if (created == CreateResult.AlreadyExists)
        {
            if (await StartFound(action.ContainerId, cancellationToken) is { } found)
                return found;
            await runtime.RemoveAsync(action.ContainerId, force: true, cancellationToken);
            await CreateFromImage(action.ContainerId, spec, labels, cancellationToken);
        }

        await Expecting(action.ContainerId, "start", () => runtime.StartAsync(action.ContainerId, cancellationToken));

        // A container that removes itself on exit may already be gone when it exits at once: it ran, and Docker removed
        // it as asked, which the outcome reports as Deleted rather than as a failed create.
        if (spec.AutoRemove)
            return await runtime.InspectAsync(action.ContainerId, cancellationToken);

        // Only Docker knows which host ports it picked. Otherwise a start that succeeded leaves the container running,
        // all an inspect would say, at the price of another engine call while Docker is busiest; an exit right after
        // the start reaches the conductor as the engine's die event, which the worker always publishes.
        return spec.ExposedPorts is { Length: > 0 }
            ? await Existing(action.ContainerId, cancellationToken)
            : RuntimeContainer.Started(action.ContainerId);
    }

    /// <summary>Creates the container, pulling its image first when the engine says it is missing.</summary>
    private async Task<CreateResult> CreateFromImage(Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        await mounts.PrepareVolumesAsync(containerId, spec, cancellationToken);
        var created = await runtime.CreateAsync(containerId, spec, labels, cancellationToken);
        if (created == CreateResult.ImageMissing)
        {
            await EnsureImage(spec, cancellationToken);
            created = await runtime.CreateAsync(containerId, spec, labels, cancellationToken);
        }

        if (created == CreateResult.ImageMissing)
            throw new ContainerRuntimeException($"image '{spec.Image}' is still not present on host {Options.Host} after it was pulled");

        // A container found made already is a redelivered create's, which wrote its files before it could be started.
        if (created == CreateResult.Created)
            await mounts.InjectFilesAsync(containerId, spec, cancellationToken);
        return created;
    }

    /// <summary>
    /// Starts the container a repeated create found, or says (null) that it must be made afresh: the engine refuses to
    /// start it and it never ran. An engine stopped in the middle of starting a container keeps the runtime task it had
    /// begun for it across its restart, and refuses every later start with "task ...: already exists"; a container
    /// that never ran loses nothing by being made again.
    /// </summary>
    private async Task<RuntimeContainer?> StartFound(Guid containerId, CancellationToken cancellationToken)
    {
        try
        {
            return await Start(containerId, cancellationToken);
        }
        catch (ContainerRuntimeException e) when (!e.IsTransient)
        {
            if ((await runtime.InspectAsync(containerId, cancellationToken))?.Status != ContainerStatus.Created)
                throw;
            return null;
        }
    }

    /// <summary>
    /// Runs an action whose engine event the outcome makes redundant: the outcome reports at least as much as the event
    /// would (a container that then exits still reports its <c>die</c>).
    /// </summary>
    private async Task Expecting(Guid containerId, string engineEvent, Func<Task> action)
    {
        echoes.Expect(containerId, engineEvent);
        try
        {
            await action();
        }
        catch
        {
            echoes.Forget(containerId, engineEvent);
            throw;
        }
    }

    private static bool IsAlwaysPull(ContainerSpec spec) => string.Equals(spec.ImagePullPolicy, "always", StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes the spec's image present as its pull policy says: <c>always</c> pulls, <c>never</c> only checks.</summary>
    private async Task EnsureImage(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var policy = spec.ImagePullPolicy.ToLowerInvariant();
        if (policy != "always" && await runtime.ImageExistsAsync(spec.Image, cancellationToken))
            return;

        if (policy == "never")
        {
            throw new ContainerRuntimeException(
                $"image '{spec.Image}' is not present on host {Options.Host} and the image pull policy is 'never'");
        }

        try
        {
            await runtime.PullImageAsync(spec.Image, cancellationToken);
        }
        catch (ContainerRuntimeException e) when (!e.IsTransient)
        {
            throw new ContainerRuntimeException(
                $"image '{spec.Image}' could not be pulled on host {Options.Host} (image pull policy '{policy}'): {e.Message}", inner: e);
        }
    }

    private async Task<RuntimeContainer?> Start(Guid containerId, CancellationToken cancellationToken)
    {
        var container = await Existing(containerId, cancellationToken);
        if (container is { Running: false })
        {
            await Expecting(containerId, "start", () => runtime.StartAsync(containerId, cancellationToken));
            container = await Existing(containerId, cancellationToken);
        }

        return container;
    }

    private async Task<RuntimeContainer?> Stop(PerformContainerAction action, CancellationToken cancellationToken)
    {
        await Existing(action.ContainerId, cancellationToken);
        await runtime.StopAsync(action.ContainerId, StopTimeout(action), cancellationToken);
        return await Existing(action.ContainerId, cancellationToken);
    }

    private async Task<RuntimeContainer?> Restart(PerformContainerAction action, CancellationToken cancellationToken)
    {
        await Existing(action.ContainerId, cancellationToken);
        await runtime.RestartAsync(action.ContainerId, StopTimeout(action), cancellationToken);
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

    private async Task<RuntimeContainer?> Pause(Guid containerId, CancellationToken cancellationToken)
    {
        var container = await Existing(containerId, cancellationToken);
        if (container.Status == ContainerStatus.Paused)
            return container;

        await Expecting(containerId, "pause", () => runtime.PauseAsync(containerId, cancellationToken));
        return await Existing(containerId, cancellationToken);
    }

    private async Task<RuntimeContainer?> Unpause(Guid containerId, CancellationToken cancellationToken)
    {
        var container = await Existing(containerId, cancellationToken);
        if (container.Status != ContainerStatus.Paused)
            return container;

        await Expecting(containerId, "unpause", () => runtime.UnpauseAsync(containerId, cancellationToken));
        return await Existing(containerId, cancellationToken);
    }

    private async Task<RuntimeContainer?> Update(PerformContainerAction action, CancellationToken cancellationToken)
    {
        var container = await Existing(action.ContainerId, cancellationToken);
        if (action.Cpu is null && action.MemoryMb is null)
            return container;

        await runtime.UpdateAsync(action.ContainerId, action.Cpu, action.MemoryMb, cancellationToken);
        return await Existing(action.ContainerId, cancellationToken);
    }

    private async Task<ActionOutcome> Commit(PerformContainerAction action, CancellationToken cancellationToken)
    {
        await Existing(action.ContainerId, cancellationToken);
        var repository = action.Repository is { Length: > 0 } named
            ? named
            : throw new ContainerRuntimeException("commit names no repository for the image");
        var tag = action.Tag is { Length: > 0 } given ? given : DefaultTag;
        var imageId = await runtime.CommitAsync(action.ContainerId, repository, tag, cancellationToken);
        return new ActionOutcome(await Existing(action.ContainerId, cancellationToken), imageId);
    }

    /// <summary>
    /// Replaces the container with a new one from the spec (whose image may be new), under the same Docker name, and
    /// starts it if the old one was running (or, with no old one left, if the operation says to run it). The new container carries this operation's id, so a redelivered rebuild
    /// finds it done. The image is made present first, so a failed pull leaves the old container as it was.
    /// </summary>
    private async Task<RuntimeContainer?> Rebuild(PerformContainerAction action, CancellationToken cancellationToken)
    {
        var spec = action.Spec ?? throw new ContainerRuntimeException("rebuild carries no container spec");
        var old = await runtime.InspectAsync(action.ContainerId, cancellationToken);
        if (old is not null && old.Labels.TryGetValue(ContainerLabels.OperationId, out var madeBy) && madeBy == action.OperationId.ToString("D"))
            return old;

        // A container healed after it vanished has no old one to ask: the conductor says whether it ran.
        var wasRunning = old is { Status: ContainerStatus.Running or ContainerStatus.Restarting or ContainerStatus.Paused } || (old is null && action.Run);
        await EnsureImage(spec, cancellationToken);
        if (old is not null)
            await runtime.RemoveAsync(action.ContainerId, force: true, cancellationToken);
        await mounts.PrepareVolumesAsync(action.ContainerId, spec, cancellationToken);
        if (await runtime.CreateAsync(action.ContainerId, spec, Labels(action, spec), cancellationToken) is var created and not CreateResult.Created)
        {
            throw new ContainerRuntimeException(created == CreateResult.ImageMissing
                ? $"image '{spec.Image}' is not present on host {Options.Host}"
                : $"a container named {ContainerLabels.DockerName(action.ContainerId)} appeared while it was rebuilt");
        }

        await mounts.InjectFilesAsync(action.ContainerId, spec, cancellationToken);

        return wasRunning
            ? await Start(action.ContainerId, cancellationToken)
            : await Existing(action.ContainerId, cancellationToken);
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

            await runtime.StopAsync(action.ContainerId, StopTimeout(action), cancellationToken);
        }

        await runtime.RemoveAsync(action.ContainerId, action.Force, cancellationToken);
        return null;
    }

    private async Task<RuntimeContainer?> Unchanged(Guid containerId, CancellationToken cancellationToken) =>
        await Existing(containerId, cancellationToken);

    private TimeSpan StopTimeout(PerformContainerAction action) =>
        TimeSpan.FromSeconds(action.TimeoutSeconds ?? Options.DefaultStopTimeoutSeconds);

    private async Task<RuntimeContainer> Existing(Guid containerId, CancellationToken cancellationToken) =>
        await runtime.InspectAsync(containerId, cancellationToken)
        ?? throw new ContainerRuntimeException($"No such container: {ContainerLabels.DockerName(containerId)}");

    private Dictionary<string, string> Labels(PerformContainerAction action, ContainerSpec spec)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ContainerLabels.ContainerId] = action.ContainerId.ToString("D"),
            [ContainerLabels.Host] = Options.Host,
            [ContainerLabels.OperationId] = action.OperationId.ToString("D"),
        };
        if (spec.AutoRemove)
            labels[ContainerLabels.AutoRemove] = "true";
        return labels;
    }
}
