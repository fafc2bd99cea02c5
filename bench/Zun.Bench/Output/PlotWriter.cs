using ScottPlot;

namespace Zun.Bench.Output;

/// <summary>Throughput and p50/p99 latency against offered load, per store, as a PNG.</summary>
internal static class PlotWriter
{
    public static void Write(BenchReport report, string path)
    {
        var plot = new Plot();
        var colors = new[] { Colors.Blue, Colors.Green, Colors.Purple };
        var latencyColors = new[] { Colors.OrangeRed, Colors.DarkRed, Colors.Brown };
        var i = 0;
        var maxOffered = 0.0;
        var maxThroughput = 0.0;
        var maxLatency = 0.0;
        var minLatency = double.MaxValue;
        foreach (var run in report.ControlPlane.Where(r => r.Skipped is null && r.OpenLoop.Count > 0))
        {
            var color = colors[i % colors.Length];
            var latencyColor = latencyColors[i++ % latencyColors.Length];
            var offered = run.OpenLoop.Select(l => l.OfferedPerSecond ?? 0).ToArray();
            maxOffered = Math.Max(maxOffered, offered.Max());
            maxThroughput = Math.Max(maxThroughput, run.OpenLoop.Max(l => l.ThroughputPerSecond));
            maxThroughput = Math.Max(maxThroughput, run.ClosedLoop?.ThroughputPerSecond ?? 0);
            maxLatency = Math.Max(maxLatency, run.OpenLoop.Max(l => double.IsNaN(l.P99Ms) ? 0 : l.P99Ms));
            minLatency = Math.Min(minLatency, run.OpenLoop.Min(l => double.IsNaN(l.P50Ms) ? double.MaxValue : l.P50Ms));

            var throughput = plot.Add.Scatter(offered, run.OpenLoop.Select(l => l.ThroughputPerSecond).ToArray());
            throughput.Color = color;
            throughput.LineWidth = 2;
            throughput.MarkerSize = 7;
            throughput.LegendText = $"{run.Store}: completed ops/s (left)";

            AddLatency(plot, offered, run.OpenLoop.Select(l => l.P50Ms), latencyColor, LinePattern.Dashed, MarkerShape.OpenCircle, $"{run.Store}: p50 latency ms (right)");
            AddLatency(plot, offered, run.OpenLoop.Select(l => l.P99Ms), latencyColor, LinePattern.Dotted, MarkerShape.OpenSquare, $"{run.Store}: p99 latency ms (right)");

            if (run.ClosedLoop is { } closed)
            {
                var max = plot.Add.HorizontalLine(closed.ThroughputPerSecond);
                max.Color = color.WithAlpha(0.4);
                max.LinePattern = LinePattern.DenselyDashed;
                max.LegendText = $"{run.Store}: closed-loop maximum {closed.ThroughputPerSecond:0}/s";
            }
        }

        if (maxOffered > 0)
        {
            var ideal = plot.Add.Line(0, 0, maxOffered, maxOffered);
            ideal.Color = Colors.Gray.WithAlpha(0.5);
            ideal.LinePattern = LinePattern.Dotted;
            ideal.LegendText = "completed = offered";
        }

        var m = report.Machine;
        plot.Title($"Zun control plane, Null runtime: create with run, end to end ({m.Cores} cores, load avg {m.LoadAverageAtStart} at start)");
        plot.Axes.Bottom.Label.Text = "offered load (operations/s, open loop)";
        plot.Axes.Left.Label.Text = "completed operations/s";
        plot.Axes.Right.Label.Text = "latency to OperationCompleted, ms (log)";
        plot.Axes.SetLimitsX(0, Math.Max(maxOffered, 1) * 1.05);
        plot.Axes.SetLimitsY(0, Math.Max(Math.Max(maxThroughput, maxOffered), 1) * 1.1, plot.Axes.Left);
        plot.Axes.SetLimitsY(Math.Floor(Math.Log10(Math.Max(Math.Min(minLatency, maxLatency), 1))), Math.Ceiling(Math.Log10(Math.Max(maxLatency, 10))), plot.Axes.Right);

        // Latency spans milliseconds to seconds once a level saturates: plotted as log10, labelled in ms.
        LogAxis.Label(plot.Axes.Right, "N0");
        plot.ShowLegend(Alignment.UpperLeft);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 1100, 650);
    }

    private static void AddLatency(Plot plot, double[] offered, IEnumerable<double> latencies, Color color, LinePattern pattern, MarkerShape marker, string legend)
    {
        var series = plot.Add.Scatter(offered, latencies.Select(l => Math.Log10(Math.Max(l, 0.1))).ToArray());
        series.Axes.YAxis = plot.Axes.Right;
        series.Color = color.WithAlpha(0.8);
        series.LinePattern = pattern;
        series.MarkerShape = marker;
        series.LegendText = legend;
    }
}
