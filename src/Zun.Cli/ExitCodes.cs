namespace Zun.Cli;

/// <summary>What <c>zun</c> exits with. Every non-zero exit prints one line on stderr saying why.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation was attempted and failed (OperationFailed).</summary>
    public const int Failed = 1;

    /// <summary>The command or request was refused (OperationRejected, RequestRejected).</summary>
    public const int Rejected = 2;

    /// <summary>No outcome or answer within the timeout, or the conductor timed the operation out (OperationTimedOut).</summary>
    public const int TimedOut = 3;

    /// <summary>Bad arguments, or the broker could not be reached.</summary>
    public const int UsageOrConnection = 4;

    /// <summary>No such container or operation, or a name that matches more than one container.</summary>
    public const int NotFound = 5;

    /// <summary>Interrupted (Ctrl+C) while waiting for an outcome.</summary>
    public const int Interrupted = 130;
}
