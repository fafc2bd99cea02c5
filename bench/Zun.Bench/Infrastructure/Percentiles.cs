namespace Zun.Bench.Infrastructure;

/// <summary>Percentiles of a set of durations, nearest-rank.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sortedMs, double percentile)
    {
        if (sortedMs.Count == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100.0 * sortedMs.Count);
        return sortedMs[Math.Clamp(rank - 1, 0, sortedMs.Count - 1)];
    }

    public static List<double> Sorted(IEnumerable<TimeSpan> durations) =>
        [.. durations.Select(d => d.TotalMilliseconds).Order()];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
