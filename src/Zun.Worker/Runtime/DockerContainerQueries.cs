using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;
using Zun.Contracts;
using Zun.Worker.Options;
using ContainerStats = Zun.Contracts.ContainerStats;

namespace Zun.Worker.Runtime;

/// <summary>Questions asked of a container: exec, logs, top and stats.</summary>
internal sealed class DockerContainerQueries(IDockerClient docker, DockerContainers containers, IOptions<WorkerOptions> options)
{
    private static readonly TimeSpan ExitCodePollInterval = TimeSpan.FromMilliseconds(20);

    public async Task<ExecResult?> ExecAsync(Guid containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = new BoundedOutput(options.Value.MaxOutputBytes, BoundedOutput.Keep.First);
        return await EngineCall.NullIfNoContainerAsync(async () =>
        {
            try
            {
                var exec = await docker.Exec.CreateContainerExecAsync(
                    ContainerLabels.DockerName(containerId),
                    new ContainerExecCreateParameters { AttachStdout = true, AttachStderr = true, Cmd = [.. command] },
                    cancellationToken);

                using (var stream = await docker.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), deadline.Token))
                using (deadline.Token.Register(stream.Dispose))
                {
                    // Closing the stream at the deadline ends a read that does not watch the token.
                    await output.CopyFromAsync(stream, deadline.Token);
                }

                // The output ends when the process closes it; its exit code is recorded a moment after it exits.
                while (true)
                {
                    var inspected = await docker.Exec.InspectContainerExecAsync(exec.ID, deadline.Token);
                    if (!inspected.Running)
                        return Result(output, (int?)inspected.ExitCode, timedOut: false);
                    await Task.Delay(ExitCodePollInterval, deadline.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException
                                      && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Docker cannot stop an exec'd process: it runs on, and the answer says it had not finished.
                return Result(output, exitCode: null, timedOut: true);
            }
        });

        ExecResult Result(BoundedOutput bounded, int? exitCode, bool timedOut) => new()
        {
            ContainerId = containerId,
            ExitCode = exitCode,
            Output = bounded.ToString(),
            Truncated = bounded.Truncated,
            TimedOut = timedOut,
        };
    }

    public Task<ContainerLogs?> GetLogsAsync(Guid containerId, GetContainerLogs request, CancellationToken cancellationToken)
    {
        var both = !request.Stdout && !request.Stderr;
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = request.Stdout || both,
            ShowStderr = request.Stderr || both,
            Tail = request.Tail is { } tail ? tail.ToString(CultureInfo.InvariantCulture) : "all",
            Since = request.Since is { } since ? EngineTime.ToQuery(since) : null,
            Timestamps = request.Timestamps,
            Follow = false,
        };

        return EngineCall.NullIfNoContainerAsync(async () =>
        {
            // The client reads the container's TTY setting and demultiplexes only when there is no TTY.
            using var stream = await docker.Containers.GetContainerLogsAsync(ContainerLabels.DockerName(containerId), parameters, cancellationToken);
            var output = new BoundedOutput(options.Value.MaxOutputBytes, BoundedOutput.Keep.Last);
            await output.CopyFromAsync(stream, cancellationToken);
            return new ContainerLogs { ContainerId = containerId, Output = output.ToString(), Truncated = output.Truncated };
        });
    }

    public Task<ContainerTop?> GetTopAsync(Guid containerId, string psArgs, CancellationToken cancellationToken) =>
        EngineCall.NullIfNoContainerAsync(async () =>
        {
            var top = await docker.Containers.ListProcessesAsync(
                ContainerLabels.DockerName(containerId), new ContainerListProcessesParameters { PsArgs = psArgs }, cancellationToken);
            return new ContainerTop
            {
                ContainerId = containerId,
                Titles = [.. top.Titles ?? []],
                Processes = [.. (top.Processes ?? []).Select(p => p.ToArray())],
            };
        });

    public async Task<ContainerStats?> GetStatsAsync(Guid containerId, CancellationToken cancellationToken)
    {
        // A stopped container answers with an empty sample; say why instead.
        var container = await containers.InspectAsync(containerId, cancellationToken);
        if (container is null)
            return null;
        if (!container.Running)
            throw new ContainerRuntimeException($"Container {ContainerLabels.DockerName(containerId)} is not running (status {container.Status})");

        return await EngineCall.NullIfNoContainerAsync(async () =>
        {
            // With stream=false the engine takes two readings about a second apart, so the previous CPU figures are filled in.
            ContainerStatsResponse? sample = null;
            await docker.Containers.GetContainerStatsAsync(
                ContainerLabels.DockerName(containerId),
                new ContainerStatsParameters { Stream = false },
                new SynchronousProgress<ContainerStatsResponse>(s => sample ??= s),
                cancellationToken);
            return sample is null
                ? throw new ContainerRuntimeException($"Docker returned no stats for {ContainerLabels.DockerName(containerId)}", isTransient: true)
                : StatsCalculator.ToContainerStats(containerId, sample);
        });
    }
}
