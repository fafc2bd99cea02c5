using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Zun.Contracts;
using Zun.IntegrationTests.Infrastructure;

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
        var (conductorPort, workerPort) = (FreePort(), FreePort());
        await using var zun = await ZunTestSystem.StartAsync(
            conductorSettings: Scraped(conductorPort), workerSettings: Scraped(workerPort), cancellationToken: TestContext.Current.CancellationToken);
        var start = new StartContainer { OperationId = Guid.NewGuid(), ContainerId = Guid.NewGuid() };

        await zun.RunContainer();
        Assert.IsType<OperationRejected>(await zun.Execute(start, start.OperationId));

        var conductor = await ScrapeUntil(conductorPort, m => Count(m, "zun_operation_duration_seconds", "start", "rejected") == 1);
        Assert.Equal(1, Count(conductor, "zun_operation_duration_seconds", "create", "completed"));
        Assert.Contains(conductor, line => line.StartsWith("messaging_masstransit_consume_duration_milliseconds_count{", StringComparison.Ordinal));
        Assert.Contains(conductor, line => line.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains(conductor, line => line.StartsWith("target_info{", StringComparison.Ordinal) && line.Contains("service_name=\"zun-conductor\"", StringComparison.Ordinal));

        var worker = await ScrapeUntil(workerPort, m => Count(m, "zun_worker_action_duration_seconds", "create", "succeeded") == 1);
        Assert.Contains(worker, line => line.StartsWith("target_info{", StringComparison.Ordinal)
            && line.Contains($"service_instance_id=\"{zun.WorkerHost}\"", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Scraped(int port) => new()
    {
        ["Zun:Telemetry:PrometheusPort"] = port.ToString(CultureInfo.InvariantCulture),
        ["Zun:Telemetry:PrometheusHost"] = "localhost",
    };

    /// <summary>The histogram's count for one action and outcome, or null when there is no such series.</summary>
    private static long? Count(IReadOnlyList<string> metrics, string histogram, string action, string outcome)
    {
        var series = metrics.FirstOrDefault(line => line.StartsWith($"{histogram}_count{{", StringComparison.Ordinal)
            && line.Contains($"zun_action=\"{action}\"", StringComparison.Ordinal)
            && line.Contains($"zun_outcome=\"{outcome}\"", StringComparison.Ordinal));

        // A series line is `name{labels} value [timestamp]`.
        return series is null ? null : long.Parse(series[(series.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds: the exporter answers from a cache refreshed a few times a second.</summary>
    private static async Task<IReadOnlyList<string>> ScrapeUntil(int port, Func<IReadOnlyList<string>, bool> done)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var limit = DateTime.UtcNow + ScrapeLimit;
        IReadOnlyList<string> lines = [];
        while (DateTime.UtcNow < limit)
        {
            var text = await http.GetStringAsync(new Uri($"http://localhost:{port}/metrics"), TestContext.Current.CancellationToken);
            lines = text.Split('\n');
            if (done(lines))
                return lines;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"the metrics on port {port} never showed what the test waits for; the last scrape:\n{string.Join('\n', lines)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone;
