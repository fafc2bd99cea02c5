namespace Zun.Client;

/// <summary>The client could not connect to the broker or bind its event queue.</summary>
public sealed class ZunConnectionException : Exception
{
    public ZunConnectionException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
