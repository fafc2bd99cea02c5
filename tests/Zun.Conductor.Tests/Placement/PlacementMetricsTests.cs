using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Zun.Conductor.Operations;
using Zun.Conductor.Tests.Infrastructure;
using Zun.Contracts;

namespace Zun.Conductor.Tests.Placement;

/// <summary>The conductor's <c>zun.conductor.placement.duration</c>: one measurement per decision on a new container.</summary>
public sealed class PlacementMetricsTests
{
    [Fact]
    public async Task A_create_placed_on_a_live_worker_is_measured_once_as_placed()
    {
        await using var zun = await ConductorHarness.StartAsync();
        using var durations = Collect(zun);
        var create = ConductorHarness.NewCreate();

        Assert.IsType<OperationCompleted>(await zun.Execute(create, create.OperationId));

        var measured = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("placed", measured.Tags["zun.outcome"]);
        Assert.True(measured.Value >= 0);
    }

    [Fact]
    public async Task A_create_that_finds_no_worker_is_measured_as_waiting()
    {
        await using var zun = await ConductorHarness.StartAsync(workerAlive: false);
        using var durations = Collect(zun);
        var create = ConductorHarness.NewCreate();

        await zun.Publish(create);
        await zun.ContainerIn(create.ContainerId, m => m.Placing);

        Assert.Equal(["waiting"], durations.GetMeasurementSnapshot().Select(m => (string)m.Tags["zun.outcome"]!));
    }

    private static MetricCollector<double> Collect(ConductorHarness zun) =>
        new(zun.Services.GetRequiredService<IMeterFactory>(), OperationMetrics.MeterName, "zun.conductor.placement.duration");
}
