using Zun.Client;
using Zun.Contracts;

namespace Zun.Cli.Commands;

/// <summary>
/// <c>zun run --attach</c>, as <c>docker run</c> without <c>-d</c>: creates and starts the container, prints its output
/// as it comes (both streams, as Zun's logs give them), and exits with the container's exit code once it stops, or
/// 125 when Zun could not run it. With <c>--rm</c> the container is deleted afterwards, once its output and exit code
/// are read (Docker's own auto-remove would take them with it).
/// </summary>
internal static class AttachedRun
{
    /// <summary>Docker's exit code when it could not run the container at all.</summary>
    public const int NotRun = 125;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    public static async Task<int> RunAsync(Invocation invocation, CreateContainer create, bool removeAfterwards, CancellationToken cancellationToken)
    {
        var client = await invocation.ClientAsync(cancellationToken);
        var started = await client.ExecuteAsync(create with { AutoRemove = false, Run = true }, new WaitOptions { Timeout = invocation.Timeout }, cancellationToken);
        if (started.State != OperationState.Completed)
        {
            invocation.Console.Fail($"container {create.ContainerId} was not run: {started.State}{(started.Reason is { } reason ? $": {reason}" : "")}");
            return NotRun;
        }

        try
        {
            var logs = new GetContainerLogs { ContainerId = create.ContainerId, Stdout = true, Stderr = true };
            if (await new LogFollower(client, invocation.Console.Out, PollInterval).FollowAsync(logs, showTimestamps: false, cancellationToken) is { } unreadable)
                invocation.Console.Note($"output: {unreadable.Reason}");

            var ended = await client.GetContainerAsync(create.ContainerId, cancellationToken);
            return ended.Found && ended.Value!.ExitCode is { } exitCode ? exitCode : NotRun;
        }
        finally
        {
            if (removeAfterwards && !cancellationToken.IsCancellationRequested)
                await Remove(invocation, client, create.ContainerId);
        }
    }

    private static async Task Remove(Invocation invocation, IZunClient client, Guid containerId)
    {
        var delete = new DeleteContainer { OperationId = Guid.NewGuid(), ContainerId = containerId, Force = true };
        var removed = await client.ExecuteAsync(delete, new WaitOptions { Timeout = invocation.Timeout }, CancellationToken.None);
        if (removed.State != OperationState.Completed)
            invocation.Console.Note($"--rm: container {containerId} was not deleted: {removed.State} {removed.Reason}");
    }
}
