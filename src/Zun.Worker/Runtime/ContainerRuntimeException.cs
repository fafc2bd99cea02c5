namespace Zun.Worker.Runtime;

/// <summary>
/// The runtime refused or failed an operation. <see cref="Exception.Message"/> carries the engine's
/// own error text; <see cref="IsTransient"/> says whether the same call may succeed later.
/// </summary>
public sealed class ContainerRuntimeException(string message, bool isTransient = false, Exception? inner = null)
    : Exception(message, inner)
{
    public bool IsTransient { get; } = isTransient;

    /// <summary>
    /// The engine could not be talked to at all (nothing listens on its socket, or the connection closed before an
    /// answer), rather than answering with an error: what an engine restarting looks like, and worth waiting for (<see cref="EngineOutage"/>).
    /// </summary>
    public bool EngineUnreachable { get; init; }
}
