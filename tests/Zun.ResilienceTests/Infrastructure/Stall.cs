namespace Zun.ResilienceTests.Infrastructure;

/// <summary>How long a fault held operations up, read from the moments operations ended.</summary>
/// <param name="ToNextCompletion">From the fault to the first operation that ended after it (null: none did).</param>
/// <param name="LongestGap">The longest time between two consecutive endings.</param>
/// <param name="LongestGapStart">When that gap began, relative to the fault (negative: before it).</param>
public sealed record Stall(TimeSpan? ToNextCompletion, TimeSpan LongestGap, TimeSpan LongestGapStart)
{
    /// <summary>Measures the stall around <paramref name="fault"/> from the moments operations ended, in any order.</summary>
    public static Stall Measure(IEnumerable<DateTimeOffset> endings, DateTimeOffset fault)
    {
        var ordered = endings.Order().ToList();
        var next = ordered.Where(t => t > fault).Select(t => (TimeSpan?)(t - fault)).FirstOrDefault();
        var (longest, start) = (TimeSpan.Zero, TimeSpan.Zero);
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i] - ordered[i - 1] > longest)
                (longest, start) = (ordered[i] - ordered[i - 1], ordered[i - 1] - fault);
        }

        return new Stall(next, longest, start);
    }

    public override string ToString() =>
        $"next operation ended {(ToNextCompletion is { } next ? $"{next.TotalSeconds:0.00} s" : "never")} after it; "
        + $"longest gap between endings {LongestGap.TotalSeconds:0.00} s, from {LongestGapStart.TotalSeconds:+0.00;-0.00} s";
}
