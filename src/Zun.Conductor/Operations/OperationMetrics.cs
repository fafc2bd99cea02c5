using System.Diagnostics.Metrics;
using Zun.Telemetry;

namespace Zun.Conductor.Operations;

/// <summary>The conductor's meter: each operation once, when its record first reaches an end.</summary>
public sealed class OperationMetrics(IMeterFactory meters)
{
    public const string MeterName = "Zun.Conductor";

    private readonly Histogram<double> _duration = DurationHistogram.Create(
        meters, MeterName, "zun.operation.duration",
        "From an operation's acceptance to its end, by action and outcome (a rejected operation ends where it starts)");

    public void Ended(TrackedOperation record)
    {
        if (record.GetState() is not { } outcome || record.FinishedAt is not { } finished)
            return;

        var accepted = record.AcceptedAt ?? finished;
        _duration.Record(Math.Max(0, (finished - accepted).TotalSeconds), TagValue.Of(record.Action), TagValue.Of(outcome));
    }
}
