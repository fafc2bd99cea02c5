using System.Globalization;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;
using Zun.Testing;

namespace Zun.IntegrationTests;

/// <summary>With <c>Zun:Telemetry:PrometheusPort</c> set, each process serves its metrics for Prometheus to scrape.</summary>
/// <remarks>
/// Alone, not beside other tests: OpenTelemetry listens to meters by name, and the conductors and workers of tests
/// running at the same time in this process have meters of the same names, whose operations it would count too.
/// </remarks>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    private static readonly TimeSpan ScrapeLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Conductor_and_worker_serve_what_each_operation_took_MassTransits_metrics_and_the_runtimes()
    {
        var (conductorPort, workerPort) = (PrometheusMetrics.FreePort(), PrometheusMetrics.FreePort());
        await using var zun = await ZunTestSystem.StartAsync(
            conductorSettings: Scraped(conductorPort), workerSettings: Scraped(workerPort), cancellationToken: TestContext.Current.CancellationToken);
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };

        await zun.RunContainer();
        Assert.IsType<OperationRejected>(await zun.Execute(start, start.OperationId));

        var conductor = await ScrapeUntil(conductorPort, m => Count(m, "zun_operation_duration_seconds", "start", "rejected") == 1);
        Assert.Equal(1, Count(conductor, "zun_operation_duration_seconds", "create", "completed"));
        Assert.True(conductor.HasSeries("messaging_masstransit_consume_duration_milliseconds_count{"));
        Assert.True(conductor.HasSeries("dotnet_gc_"));
        Assert.True(conductor.HasSeries("target_info{", "service_name=\"zun-conductor\""));

        var worker = await ScrapeUntil(workerPort, m => Count(m, "zun_worker_action_duration_seconds", "create", "succeeded") == 1);
        Assert.True(worker.HasSeries("target_info{", $"service_instance_id=\"{zun.WorkerHost}\""));
    }

    private static Dictionary<string, string?> Scraped(int port) => new()
    {
        ["Zun:Telemetry:PrometheusPort"] = port.ToString(CultureInfo.InvariantCulture),
        ["Zun:Telemetry:PrometheusHost"] = "localhost",
    };

    private static long Count(PrometheusMetrics metrics, string histogram, string action, string outcome) =>
        metrics.Histogram(histogram, $"zun_action=\"{action}\"", $"zun_outcome=\"{outcome}\"").Count;

    /// <summary>Scrapes until <paramref name="done"/> holds: the exporter answers from a cache refreshed a few times a second.</summary>
    private static async Task<PrometheusMetrics> ScrapeUntil(int port, Func<PrometheusMetrics, bool> done)
    {
        var endpoint = new Uri($"http://localhost:{port}/metrics");
        var limit = DateTime.UtcNow + ScrapeLimit;
        while (true)
        {
            var metrics = await PrometheusMetrics.ScrapeAsync(endpoint);
            if (done(metrics))
                return metrics;
            if (DateTime.UtcNow > limit)
                throw new TimeoutException($"the metrics at {endpoint} never showed what the test waits for");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}

[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone;
