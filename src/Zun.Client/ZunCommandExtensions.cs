using Zun.Contracts;

namespace Zun.Client;

/// <summary>
/// A typed call for each command, for readability at the call site; each is <see cref="IZunClient.ExecuteAsync"/> with
/// that command. A new command gets its line here.
/// </summary>
public static class ZunCommandExtensions
{
    public static Task<OperationOutcome> CreateContainerAsync(this IZunClient client, CreateContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> StartContainerAsync(this IZunClient client, StartContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> StopContainerAsync(this IZunClient client, StopContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> RestartContainerAsync(this IZunClient client, RestartContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> PauseContainerAsync(this IZunClient client, PauseContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> UnpauseContainerAsync(this IZunClient client, UnpauseContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> KillContainerAsync(this IZunClient client, KillContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> DeleteContainerAsync(this IZunClient client, DeleteContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> UpdateContainerAsync(this IZunClient client, UpdateContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> RenameContainerAsync(this IZunClient client, RenameContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> CommitContainerAsync(this IZunClient client, CommitContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> RebuildContainerAsync(this IZunClient client, RebuildContainer command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);

    public static Task<OperationOutcome> PullImageAsync(this IZunClient client, PullImage command, WaitOptions? wait = null, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync(command, wait, cancellationToken);
}
