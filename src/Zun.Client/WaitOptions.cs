namespace Zun.Client;

/// <summary>How one call waits for an operation's outcome.</summary>
public sealed record WaitOptions
{
    /// <summary>How long to wait; <see cref="ZunClientOptions.OperationTimeout"/> when absent.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Told, in the order they arrive, of the operation's events before its terminal one: accepted,
    /// dispatched and the container's status and task-state changes it causes. Called on the client's
    /// receive thread: keep it short.
    /// </summary>
    public IProgress<ZunEvent>? Progress { get; init; }
}
