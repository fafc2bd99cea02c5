using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Zun.Telemetry;

namespace Zun.Conductor.Tests.Hosting;

/// <summary><c>Zun:Telemetry</c>: nothing unless asked for, and a clear refusal of a setting that cannot work.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public void Without_a_telemetry_setting_no_OpenTelemetry_is_registered()
    {
        using var host = Build([]);

        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void A_prometheus_port_registers_the_metrics_pipeline()
    {
        using var host = Build(new() { ["Zun:Telemetry:PrometheusPort"] = "9464" });

        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    public void A_port_outside_1_to_65535_is_refused_naming_the_setting(string port)
    {
        using var host = Build(new() { ["Zun:Telemetry:PrometheusPort"] = port, ["Zun:Telemetry:PrometheusHost"] = "localhost" });

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        Assert.Contains(nameof(TelemetryOptions.PrometheusPort), refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("grpc://collector:4317")]
    public void An_otlp_endpoint_that_is_not_an_http_url_is_refused_naming_the_setting(string endpoint)
    {
        using var host = Build(new() { ["Zun:Telemetry:OtlpEndpoint"] = endpoint });

        var refused = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        Assert.Contains("Zun:Telemetry:OtlpEndpoint", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_otlp_endpoint_registers_metrics_and_traces()
    {
        using var host = Build(new() { ["Zun:Telemetry:OtlpEndpoint"] = "http://collector:4317" });

        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.NotNull(host.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Equal(new Uri("http://collector:4317"), host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.OtlpEndpoint);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddZunTelemetry("zun-test", "test-instance", "Zun.Test");
        return builder.Build();
    }
}
