using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Zun.Testing;

/// <summary>One scrape of a Zun process's <c>/metrics</c> (Prometheus text format), read for histogram totals.</summary>
public sealed class PrometheusMetrics
{
    private readonly string[] _lines;

    private PrometheusMetrics(string[] lines) => _lines = lines;

    public static async Task<PrometheusMetrics> ScrapeAsync(Uri endpoint)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return new PrometheusMetrics((await http.GetStringAsync(endpoint)).Split('\n'));
    }

    /// <summary>A port nothing listens on now, for a process to serve its metrics on.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether a series of <paramref name="name"/> (a full name, or the start of one) carries every one of <paramref name="labels"/>.</summary>
    public bool HasSeries(string name, params string[] labels) => Line(name, labels) is not null;

    /// <summary>The sum and count of a histogram's series whose labels include every one of <paramref name="labels"/>.</summary>
    public HistogramTotals Histogram(string name, params string[] labels) =>
        new(Value($"{name}_sum", labels), (long)Value($"{name}_count", labels));

    /// <summary>
    /// The cumulative bucket counts of a histogram's series whose labels include every one of <paramref name="labels"/>,
    /// by upper bound, <c>+Inf</c> last; empty when nothing was recorded yet.
    /// </summary>
    public HistogramBuckets Buckets(string name, params string[] labels)
    {
        var buckets = new List<(double UpperBound, long Count)>();
        foreach (var line in _lines.Where(l => l.StartsWith($"{name}_bucket{{", StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal))))
        {
            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var count = long.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
            buckets.Add((bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture), count));
        }

        return new HistogramBuckets([.. buckets.OrderBy(b => b.UpperBound)]);
    }

    private double Value(string series, string[] labels)
    {
        var line = Line(series + "{", labels);

        // `name{labels} value [timestamp]`; a series not yet recorded is absent, which is zero.
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private string? Line(string start, string[] labels) =>
        _lines.FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)));
}

/// <summary>A histogram's running totals; the difference of two scrapes covers what happened between them.</summary>
public readonly record struct HistogramTotals(double Sum, long Count)
{
    public static HistogramTotals operator -(HistogramTotals after, HistogramTotals before) => new(after.Sum - before.Sum, after.Count - before.Count);

    /// <summary>The mean in milliseconds of a histogram recorded in seconds; NaN when nothing was recorded.</summary>
    public double MeanMilliseconds => Count == 0 ? double.NaN : Sum / Count * 1000;
}
