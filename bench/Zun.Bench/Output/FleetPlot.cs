using ScottPlot;

namespace Zun.Bench.Output;

/// <summary>The conductor's placement time per stage of creates against the containers each host held, as a PNG.</summary>
internal static class FleetPlot
{
    public static void Write(BenchReport report, string path)
    {
        var fleet = report.Fleet ?? throw new InvalidOperationException("the report holds no fleet run");
        var plot = new Plot();
        var series = fleet.Placement.Where(s => !s.WarmUp).GroupBy(s => s.Hosts).OrderByDescending(g => g.Key).ToList();
        var colors = new[] { Colors.Blue, Colors.OrangeRed, Colors.Green };
        for (var i = 0; i < series.Count; i++)
        {
            var stages = series[i].ToList();
            var hosts = series[i].Key;
            var perHost = stages.Select(s => Math.Log10((s.ContainersBefore + s.ContainersAfter) / 2.0 / hosts)).ToArray();
            Add(plot, perHost, stages.Select(s => s.P50Ms), colors[i % colors.Length], LinePattern.Solid, MarkerShape.FilledCircle, $"{hosts} host(s): p50");
            Add(plot, perHost, stages.Select(s => s.P99Ms), colors[i % colors.Length], LinePattern.Dotted, MarkerShape.OpenSquare, $"{hosts} host(s): p99");

            // The machine is shared: its load average beside each stage says how much of the figure is the neighbours'.
            var load = plot.Add.Scatter(perHost, stages.Select(s => s.LoadAverage1).ToArray());
            load.Axes.YAxis = plot.Axes.Right;
            load.Color = colors[i % colors.Length].WithAlpha(0.35);
            load.LineWidth = 1;
            load.MarkerShape = MarkerShape.OpenTriangleUp;
            load.LegendText = $"{hosts} host(s): machine load average (right)";
        }

        var target = plot.Add.HorizontalLine(Math.Log10(2));
        target.Color = Colors.Gray;
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = "target: 2 ms";

        var m = report.Machine;
        plot.Title($"Placement per create in the conductor, {fleet.OfferedPerSecond:0} creates/s offered ({m.Cores} cores, shared)");
        plot.Axes.Bottom.Label.Text = "containers per host during the stage (log)";
        plot.Axes.Left.Label.Text = "zun.conductor.placement.duration, ms (log)";
        plot.Axes.Right.Label.Text = "1-minute load average at the stage's end";
        plot.Axes.SetLimitsY(0, Math.Max(4, fleet.Placement.Max(s => s.LoadAverage1)) * 1.1, plot.Axes.Right);
        LogAxis.Label(plot.Axes.Bottom, "N0");
        LogAxis.Label(plot.Axes.Left, "0.##");
        plot.ShowLegend(Edge.Bottom);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 1100, 680);
    }

    private static void Add(Plot plot, double[] x, IEnumerable<double> milliseconds, Color color, LinePattern pattern, MarkerShape marker, string legend)
    {
        var line = plot.Add.Scatter(x, milliseconds.Select(ms => Math.Log10(Math.Max(ms, 0.01))).ToArray());
        line.Color = color;
        line.LinePattern = pattern;
        line.MarkerShape = marker;
        line.MarkerSize = 7;
        line.LegendText = legend;
    }
}
