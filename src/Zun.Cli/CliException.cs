namespace Zun.Cli;

/// <summary>Ends a command with an exit code and a one-line reason for stderr.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
