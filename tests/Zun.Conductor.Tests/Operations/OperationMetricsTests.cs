using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Zun.Conductor.Operations;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;
using Zun.Contracts.Hosts;

namespace Zun.Conductor.Tests.Operations;

/// <summary>The conductor's <c>zun.operation.duration</c>: one measurement per operation, when its record first ends.</summary>
public sealed class OperationMetricsTests
{
    [Fact]
    public async Task Each_operation_is_measured_once_with_its_action_and_how_it_ended()
    {
        await using var zun = await ConductorHarness.StartAsync();
        using var durations = Collect(zun);
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };

        await zun.StoppedContainer();
        Assert.IsType<OperationRejected>(await zun.Execute(start, start.OperationId));

        // The record is written before its event is published, so the measurement is there once the outcome is.
        Assert.Equal(
            [("create", "completed"), ("stop", "completed"), ("start", "rejected")],
            durations.GetMeasurementSnapshot().Select(m => ((string)m.Tags["zun.action"]!, (string)m.Tags["zun.outcome"]!)));
        Assert.All(durations.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task An_end_replayed_by_the_retry_of_its_consume_is_not_measured_again()
    {
        await using var zun = await ConductorHarness.StartAsync();
        using var durations = Collect(zun);
        zun.Notifications.FailFirst("container.create.end");
        var create = ConductorHarness.NewCreate();

        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));

        // The retry found the operation ended and sent its events again, the notification this time.
        await zun.Notifications.WaitUntil(n => n.Any(x => x.EventType == "container.create.end"));
        Assert.Single(durations.GetMeasurementSnapshot());
    }

    private static MetricCollector<double> Collect(ConductorHarness zun) =>
        new(zun.Services.GetRequiredService<IMeterFactory>(), OperationMetrics.MeterName, "zun.operation.duration");
}
