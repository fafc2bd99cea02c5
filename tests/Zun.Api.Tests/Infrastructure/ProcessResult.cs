namespace Zun.Api.Tests.Infrastructure;

/// <summary>How a process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
}
