using Zun.Testing;

namespace Zun.Bench.Infrastructure;

/// <summary>A process's resident memory and CPU time, read from /proc.</summary>
internal readonly record struct ProcessSample(long RssBytes, TimeSpan CpuTime)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public double RssMiB => RssBytes / (1024.0 * 1024.0);

    /// <summary>The process's sample, or null once it has exited (its pid may then be another process's) or when there is none.</summary>
    public static ProcessSample? Of(ZunProcess? process) => process is null || process.HasExited ? null : Read(process.Id);

    public static ProcessSample? Read(int pid)
    {
        try
        {
            var rss = File.ReadLines($"/proc/{pid}/status")
                .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024)
                .FirstOrDefault();

            // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th of the line.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return new ProcessSample(rss, TimeSpan.FromSeconds(ticks / TicksPerSecond));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
