using System.Diagnostics.Metrics;

namespace Zun.Telemetry;

/// <summary>Zun's duration histograms: seconds, as OpenTelemetry's conventions ask, with buckets to match.</summary>
public static class DurationHistogram
{
    /// <summary>From a store write to a slow image pull; OpenTelemetry's default buckets suit milliseconds instead.</summary>
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>A histogram in seconds on the meter <paramref name="meterName"/> of this service provider's factory.</summary>
    public static Histogram<double> Create(IMeterFactory meters, string meterName, string name, string description) =>
        meters.Create(meterName).CreateHistogram(
            name, unit: "s", description: description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    /// <summary>Records <paramref name="seconds"/> tagged with the action and how it ended.</summary>
    public static void Record(this Histogram<double> histogram, double seconds, string action, string outcome) =>
        histogram.Record(
            seconds,
            new KeyValuePair<string, object?>("zun.action", action),
            new KeyValuePair<string, object?>("zun.outcome", outcome));
}
