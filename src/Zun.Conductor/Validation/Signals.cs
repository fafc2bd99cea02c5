namespace Zun.Conductor.Validation;

/// <summary>The POSIX signals Docker accepts, by name (with or without SIG) or number.</summary>
internal static class Signals
{
    public const string Default = "SIGKILL";

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
        "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
        "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    };

    /// <summary>Returns the canonical form (<c>SIGTERM</c>, or the number) or null when it is no signal.</summary>
    public static string? Normalize(string? signal)
    {
        if (string.IsNullOrWhiteSpace(signal))
            return Default;

        var trimmed = signal.Trim();
        if (int.TryParse(trimmed, out var number))
            return number is >= 1 and <= 64 ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

        var name = trimmed.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? trimmed[3..] : trimmed;
        return Names.Contains(name) ? "SIG" + name.ToUpperInvariant() : null;
    }

    /// <summary>Whether the signal ends a process that does not handle it, so the container will stop.</summary>
    public static bool Terminates(string signal) =>
        signal is "SIGKILL" or "9" or "SIGTERM" or "15" or "SIGINT" or "2" or "SIGQUIT" or "3";
}
