using System.Net;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using ContainerSpec = Zun.Contracts.Hosts.ContainerSpec;

namespace Zun.Worker.Runtime;

/// <summary><see cref="IContainerRuntime"/> on the Docker engine API, through one client per engine.</summary>
internal sealed class DockerContainerRuntime(IDockerClient docker) : IContainerRuntime
{
    public async Task<RuntimeContainer?> InspectAsync(Guid containerId, CancellationToken cancellationToken)
    {
        try
        {
            var inspected = await docker.Containers.InspectContainerAsync(ContainerLabels.DockerName(containerId), cancellationToken);
            var state = inspected.State ?? new Docker.DotNet.Models.State { Status = "unknown" };
            return new RuntimeContainer(
                inspected.ID,
                DockerStatusMapping.ToZunStatus(state),
                state.Running && !state.Paused,
                state.Running ? null : (int)state.ExitCode,
                DockerStatusMapping.Reason(state));
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw Translate(e);
        }
    }

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw Translate(e);
        }
    }

    public async Task PullImageAsync(string image, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(image);
        string? streamedError = null;

        // The engine reports some pull failures inside the progress stream rather than as a status code.
        var progress = new Progress<JSONMessage>(m => streamedError ??= m.Error?.Message);
        await Call(() => docker.Images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = reference.Repository, Tag = reference.Tag },
            authConfig: null,
            progress,
            cancellationToken));

        if (streamedError is not null && !await ImageExistsAsync(image, cancellationToken))
            throw new ContainerRuntimeException(streamedError);
    }

    public Task CreateAsync(Guid containerId, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var allLabels = new Dictionary<string, string>(spec.Labels ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in labels)
            allLabels[key] = value;

        var parameters = new CreateContainerParameters
        {
            Name = ContainerLabels.DockerName(containerId),
            Image = spec.Image,
            Labels = allLabels,
            HostConfig = new HostConfig
            {
                NanoCPUs = spec.Cpu is { } cpu ? (long)(cpu * 1_000_000_000) : 0,
                Memory = spec.MemoryMb is { } memory ? memory * 1024L * 1024L : 0,
            },
        };

        // Unset fields stay absent from the request, so the image's own defaults apply.
        if (spec.Command is { Length: > 0 } command)
            parameters.Cmd = command;
        if (spec.Environment is { Count: > 0 } environment)
            parameters.Env = [.. environment.Select(e => $"{e.Key}={e.Value}")];
        if (spec.Workdir is { Length: > 0 } workdir)
            parameters.WorkingDir = workdir;
        if (spec.Hostname is { Length: > 0 } hostname)
            parameters.Hostname = hostname;
        return Call(() => docker.Containers.CreateContainerAsync(parameters, cancellationToken));
    }

    public Task StartAsync(Guid containerId, CancellationToken cancellationToken) =>
        Call(() => docker.Containers.StartContainerAsync(ContainerLabels.DockerName(containerId), new ContainerStartParameters(), cancellationToken));

    public Task StopAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken) =>
        Call(() => docker.Containers.StopContainerAsync(
            ContainerLabels.DockerName(containerId),
            new ContainerStopParameters { WaitBeforeKillSeconds = (uint)timeout.TotalSeconds },
            cancellationToken));

    public Task KillAsync(Guid containerId, string signal, CancellationToken cancellationToken) =>
        Call(() => docker.Containers.KillContainerAsync(
            ContainerLabels.DockerName(containerId), new ContainerKillParameters { Signal = signal }, cancellationToken));

    public async Task WaitForExitAsync(Guid containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await docker.Containers.WaitContainerAsync(ContainerLabels.DockerName(containerId), deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still running after the timeout: the caller reports what it then inspects.
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw Translate(e);
        }
    }

    public async Task RemoveAsync(Guid containerId, bool force, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.RemoveContainerAsync(
                ContainerLabels.DockerName(containerId), new ContainerRemoveParameters { Force = force }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone: removal is idempotent.
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw Translate(e);
        }
    }

    public async Task<HostCapacity> GetCapacityAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            var info = await docker.System.GetSystemInfoAsync(cancellationToken);
            var ours = await docker.Containers.ListContainersAsync(
                new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>>
                    {
                        ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Host}={host}"] = true },
                    },
                },
                cancellationToken);
            return new HostCapacity(
                (int)info.NCPU,
                info.MemTotal / (1024 * 1024),
                ours.Count(c => c.State == "running"),
                ours.Count);
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw Translate(e);
        }
    }

    private static async Task Call(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw Translate(e);
        }
    }

    private static bool IsEngineFailure(Exception e) =>
        e is DockerApiException or HttpRequestException or IOException or TimeoutException
        || (e is TaskCanceledException && e.InnerException is TimeoutException);

    private static ContainerRuntimeException Translate(Exception e) => e switch
    {
        DockerApiException api => new ContainerRuntimeException(EngineMessage(api), isTransient: false, api),
        _ => new ContainerRuntimeException($"Docker engine unreachable: {e.Message}", isTransient: true, e),
    };

    /// <summary>The engine's own error text, from the JSON body it answers with.</summary>
    private static string EngineMessage(DockerApiException e)
    {
        try
        {
            using var body = JsonDocument.Parse(e.ResponseBody ?? "");
            if (body.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
        }

        return string.IsNullOrWhiteSpace(e.ResponseBody) ? e.Message : e.ResponseBody.Trim();
    }
}
