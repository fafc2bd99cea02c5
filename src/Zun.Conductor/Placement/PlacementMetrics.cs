using System.Diagnostics.Metrics;
using Zun.Conductor.Operations;

namespace Zun.Conductor.Placement;

/// <summary>
/// The scheduler's share of a create, on the conductor's meter: <c>zun.conductor.placement.duration</c>, from the start of
/// <see cref="ContainerScheduler.PlaceAsync"/> to its decision (host records read, filters, ranking, and the claim
/// written), tagged with the decision.
/// </summary>
internal sealed class PlacementMetrics(IMeterFactory meters)
{
    // Placement should cost a millisecond or two; the operations' buckets start at 5 ms and could not tell 0.3 from 3.
    private static readonly double[] SecondsBuckets =
        [0.0001, 0.0002, 0.0003, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Histogram<double> _duration = meters.Create(OperationMetrics.MeterName).CreateHistogram(
        "zun.conductor.placement.duration",
        unit: "s",
        description: "The scheduler's decision for a new container, claim included, by decision (placed, waiting, refused)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public void Decided(TimeSpan elapsed, PlacementDecision decision) =>
        _duration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("zun.outcome", decision.Worker is not null ? "placed" : decision.CanWait ? "waiting" : "refused"));
}
