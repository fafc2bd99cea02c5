using System.ComponentModel.DataAnnotations;

namespace Zun.Telemetry;

/// <summary>
/// <c>Zun:Telemetry</c>: where the process's metrics (and, over OTLP, its traces) go. Both are off unless set, so a
/// process opens no port and sends nothing its operator did not ask for.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Zun:Telemetry";

    /// <summary>When set, metrics are served for Prometheus to scrape at <c>http://&lt;PrometheusHost&gt;:&lt;port&gt;/metrics</c>.</summary>
    [Range(1, 65535)]
    public int? PrometheusPort { get; set; }

    /// <summary>
    /// The address the scrape endpoint listens on (a host name or IP address, or <c>*</c>): every address by default,
    /// since Prometheus scrapes from another machine; <c>localhost</c> keeps it to this one. The endpoint has no
    /// authentication.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string PrometheusHost { get; set; } = "*";

    /// <summary>When set, metrics and traces are pushed to this OpenTelemetry collector (OTLP over gRPC, e.g. <c>http://collector:4317</c>).</summary>
    public Uri? OtlpEndpoint { get; set; }

    public bool IsEnabled => PrometheusPort is not null || OtlpEndpoint is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // "collector:4317" parses as a URI whose scheme is "collector"; the exporter would fail only when it sends.
        if (OtlpEndpoint is { } endpoint && !(endpoint.IsAbsoluteUri && endpoint.Scheme is "http" or "https"))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(OtlpEndpoint)} must be an http:// or https:// URL of an OpenTelemetry collector (e.g. http://collector:4317), not '{endpoint}'",
                [nameof(OtlpEndpoint)]);
        }
    }
}
