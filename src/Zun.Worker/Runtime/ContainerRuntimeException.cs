namespace Zun.Worker.Runtime;

/// <summary>
/// The runtime refused or failed an operation. <see cref="Exception.Message"/> carries the engine's
/// own error text; <see cref="IsTransient"/> says whether the same call may succeed later.
/// </summary>
public sealed class ContainerRuntimeException(string message, bool isTransient = false, Exception? inner = null)
    : Exception(message, inner)
{
    public bool IsTransient { get; } = isTransient;
}
