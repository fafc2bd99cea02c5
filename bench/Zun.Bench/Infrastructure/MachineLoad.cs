using System.Globalization;

namespace Zun.Bench.Infrastructure;

/// <summary>
/// How busy the whole machine was over an interval (all processes, ours and others'), from /proc/stat, and the load
/// average at its end: others build and test on the same machine, and the figures say so.
/// </summary>
internal sealed class MachineLoad
{
    private (long Busy, long Total) _start = Read();

    public void Restart() => _start = Read();

    /// <summary>Fraction of all cores busy since the start, 0 to 1.</summary>
    public double BusyFraction()
    {
        var now = Read();
        var total = now.Total - _start.Total;
        return total <= 0 ? 0 : (double)(now.Busy - _start.Busy) / total;
    }

    public static double LoadAverage1()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static (long Busy, long Total) Read()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var idle = cpu[3] + cpu[4]; // idle + iowait
            var total = cpu.Take(8).Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }
}
