namespace Zun.Api.Identity;

/// <summary>Keystone could not say whether a token is valid (unreachable, too slow, or refusing Zun's own user): a 503, never a pass.</summary>
public sealed class KeystoneUnavailableException : Exception
{
    public KeystoneUnavailableException(string message)
        : base(message)
    {
    }

    public KeystoneUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KeystoneUnavailableException()
        : this("Keystone is unavailable")
    {
    }
}
