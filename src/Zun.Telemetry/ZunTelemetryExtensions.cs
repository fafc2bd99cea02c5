using MassTransit.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Zun.Telemetry;

/// <summary>OpenTelemetry for both Zun processes: MassTransit's own instruments, the runtime's, and the process's meter.</summary>
public static class ZunTelemetryExtensions
{
    /// <summary>
    /// Exports metrics (and traces, to an OTLP collector) as <see cref="TelemetryOptions"/> says. With neither set no
    /// OpenTelemetry is registered at all: instruments nobody listens to cost a branch, which is what the default keeps.
    /// </summary>
    /// <param name="builder">The process's host builder, whose configuration holds <c>Zun:Telemetry</c>.</param>
    /// <param name="serviceName">The resource's <c>service.name</c>, e.g. <c>zun-conductor</c>.</param>
    /// <param name="instanceId">The resource's <c>service.instance.id</c>, e.g. the worker's host name.</param>
    /// <param name="meterName">The process's own meter.</param>
    public static IHostApplicationBuilder AddZunTelemetry(this IHostApplicationBuilder builder, string serviceName, string instanceId, string meterName)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.IsEnabled)
            return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: instanceId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(meterName, DiagnosticHeaders.DefaultListenerName).AddRuntimeInstrumentation();
                if (options.PrometheusPort is not null)
                    metrics.AddPrometheusExporter();
                if (options.OtlpEndpoint is { } endpoint)
                    metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
            });

        if (options.PrometheusPort is not null)
            builder.Services.AddHostedService<PrometheusEndpoint>();

        // Traces are pushed only: a scrape endpoint has no place for them.
        if (options.OtlpEndpoint is { } collector)
            telemetry.WithTracing(tracing => tracing.AddSource(DiagnosticHeaders.DefaultListenerName).AddOtlpExporter(o => o.Endpoint = collector));

        return builder;
    }
}
