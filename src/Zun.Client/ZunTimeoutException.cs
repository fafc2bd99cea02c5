namespace Zun.Client;

/// <summary>
/// The client gave up waiting: no terminal event or no answer came within the timeout. For an
/// operation this says nothing about its fate: it may still complete (ask with GetOperation).
/// </summary>
public sealed class ZunTimeoutException : TimeoutException
{
    public ZunTimeoutException(string message, Guid? operationId = null, Exception? inner = null)
        : base(message, inner)
    {
        OperationId = operationId;
    }

    /// <summary>The operation waited for, when the wait was for an operation.</summary>
    public Guid? OperationId { get; }
}
