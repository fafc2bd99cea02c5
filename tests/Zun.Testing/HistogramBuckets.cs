namespace Zun.Testing;

/// <summary>
/// A histogram's cumulative bucket counts from one scrape, by upper bound (<c>+Inf</c> last). The difference of two
/// scrapes covers what was recorded between them.
/// </summary>
public sealed record HistogramBuckets(IReadOnlyList<(double UpperBound, long Count)> Cumulative)
{
    public long Count => Cumulative.Count == 0 ? 0 : Cumulative[^1].Count;

    public static HistogramBuckets operator -(HistogramBuckets after, HistogramBuckets before) => Combine(after, before, -1);

    /// <summary>Two intervals' buckets together (the same histogram's, over intervals that do not overlap).</summary>
    public static HistogramBuckets operator +(HistogramBuckets one, HistogramBuckets other) => Combine(one, other, 1);

    /// <summary>
    /// The <paramref name="quantile"/> (0 to 1) as Prometheus's <c>histogram_quantile</c> estimates it: linear within the
    /// bucket it falls in (from 0 in the first), the highest finite bound when it falls in <c>+Inf</c>; NaN when empty.
    /// </summary>
    public double Quantile(double quantile)
    {
        if (Count == 0)
            return double.NaN;

        var rank = quantile * Count;
        var (lower, below) = (0.0, 0L);
        foreach (var (upper, count) in Cumulative)
        {
            if (count >= rank)
            {
                return double.IsPositiveInfinity(upper)
                    ? lower
                    : lower + (upper - lower) * (count == below ? 0 : (rank - below) / (count - below));
            }

            (lower, below) = (upper, count);
        }

        return lower;
    }

    private static HistogramBuckets Combine(HistogramBuckets left, HistogramBuckets right, int sign)
    {
        var counts = right.Cumulative.ToDictionary(b => b.UpperBound, b => b.Count);
        var bounds = left.Cumulative.Select(b => b.UpperBound).Union(counts.Keys).Order();
        var byBound = left.Cumulative.ToDictionary(b => b.UpperBound, b => b.Count);
        return new HistogramBuckets([.. bounds.Select(b => (b, byBound.GetValueOrDefault(b) + sign * counts.GetValueOrDefault(b)))]);
    }

    /// <summary>The upper bound of the bucket the <paramref name="quantile"/> falls in: what the histogram can promise.</summary>
    public double UpperBoundOf(double quantile)
    {
        var rank = quantile * Count;
        return Count == 0 ? double.NaN : Cumulative.First(b => b.Count >= rank).UpperBound;
    }
}
