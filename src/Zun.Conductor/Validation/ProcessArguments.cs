using System.Text;

namespace Zun.Conductor.Validation;

/// <summary>
/// What Linux lets a container's process start with. runc, asked to start a process with an argument longer than the
/// kernel takes, never answers (seen on this Docker: the engine's start call hangs and holds the container), so a
/// command the kernel would refuse is refused here instead, before it reaches a host.
/// </summary>
internal static class ProcessArguments
{
    /// <summary>Linux's MAX_ARG_STRLEN (32 pages of 4 KiB), less the terminating NUL: the longest one argument or variable.</summary>
    public const int MaxArgumentBytes = 131_071;

    /// <summary>
    /// Arguments and variables together. Linux allows a quarter of the stack limit (2 MiB with the usual 8 MiB); the image's
    /// own environment and what Docker adds share that room, so Zun's part is kept to half of it.
    /// </summary>
    public const int MaxTotalBytes = 1_048_576;

    /// <summary>
    /// Linux's PATH_MAX, less its NUL, for the program a container starts. Docker quotes a program it cannot find in its
    /// error, and runc does not answer when that error grows past what a pipe holds (seen with a 100 KB path).
    /// </summary>
    public const int MaxProgramLength = 4095;

    public static string? Check(string field, string[]? arguments) =>
        Program((field, arguments is { Length: > 0 } ? arguments[0] : null)) ?? Each(field, arguments ?? []) ?? Total(field, Bytes(arguments ?? []));

    /// <summary>The first item, which is the program (or, with an image's own entrypoint, that program's first argument).</summary>
    private static string? Program((string Field, string? Value) first) =>
        first.Value is { Length: > MaxProgramLength } program
            ? $"{first.Field} item 1 (the program to run) must be at most {MaxProgramLength} characters, got {program.Length}"
            : null;

    /// <summary>The whole of a create: entrypoint, command and environment are one process's start.</summary>
    public static string? Check(string[]? entrypoint, string[]? command, Dictionary<string, string>? environment)
    {
        var variables = (environment ?? []).Select(v => $"{v.Key}={v.Value}").ToArray();
        return Program(entrypoint is { Length: > 0 } ? ("entrypoint", entrypoint[0]) : ("command", command is { Length: > 0 } ? command[0] : null))
            ?? Each("entrypoint", entrypoint ?? [])
            ?? Each("command", command ?? [])
            ?? Each("environment", variables)
            ?? Total("entrypoint, command and environment", Bytes(entrypoint ?? []) + Bytes(command ?? []) + Bytes(variables));
    }

    private static string? Each(string field, string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is not { } argument)
                continue;
            if (argument.Contains('\0', StringComparison.Ordinal))
                return $"{field} must not contain NUL characters (item {i + 1})";
            if (Encoding.UTF8.GetByteCount(argument) is var bytes and > MaxArgumentBytes)
                return $"{field} item {i + 1} is {bytes} bytes; Linux takes at most {MaxArgumentBytes} in one argument or variable";
        }

        return null;
    }

    private static string? Total(string field, long bytes) =>
        bytes > MaxTotalBytes ? $"{field} together are {bytes} bytes; at most {MaxTotalBytes} are accepted" : null;

    private static long Bytes(string[] arguments) =>
        arguments.Sum(a => a is null ? 0L : Encoding.UTF8.GetByteCount(a) + 1);
}
