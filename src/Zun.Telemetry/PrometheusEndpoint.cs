using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Zun.Telemetry;

/// <summary>
/// Serves the process's metrics at <c>/metrics</c> on <c>Zun:Telemetry:PrometheusPort</c>: a small Kestrel server of
/// its own beside the process's generic host, answering from the host's meter provider. Zun's processes serve no other
/// HTTP, so the web stack stays out of their main host.
/// </summary>
internal sealed partial class PrometheusEndpoint(
    MeterProvider meterProvider, IOptions<TelemetryOptions> options, ILogger<PrometheusEndpoint> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var telemetry = options.Value;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{telemetry.PrometheusHost}:{telemetry.PrometheusPort}");
        var server = builder.Build();
        server.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider, predicate: null, path: "/metrics", configureBranchedPipeline: null, optionsName: null);

        // A port in use fails the start, so the process stops with the reason instead of running without its metrics.
        await server.StartAsync(cancellationToken);
        _server = server;
        LogServing(logger, string.Join(", ", server.Urls));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
            await _server.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics served for Prometheus at {Urls}/metrics")]
    private static partial void LogServing(ILogger logger, string urls);
}
