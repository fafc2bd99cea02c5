using System.Diagnostics.Metrics;
using Zun.Contracts;
using Zun.Telemetry;

namespace Zun.Worker.Consumers;

/// <summary>
/// The worker's meter: how long each action took on this host, engine calls included. Set beside the conductor's
/// <c>zun.operation.duration</c>, it tells the engine's time from the messaging and the conductor's.
/// </summary>
internal sealed class ActionMetrics(IMeterFactory meters)
{
    public const string MeterName = "Zun.Worker";

    private readonly Histogram<double> _duration = DurationHistogram.Create(
        meters, MeterName, "zun.worker.action.duration",
        "How long the worker took to carry out an action on this host, waiting for the container's lock excluded");

    public void Record(ContainerAction action, TimeSpan took, bool succeeded) =>
        _duration.Record(took.TotalSeconds, TagValue.Of(action), succeeded ? "succeeded" : "failed");
}
