using System.Globalization;

namespace Zun.Bench.Output;

/// <summary>ScottPlot has no log axis: values are plotted as their log10, and the axis labels them with what they stand for.</summary>
internal static class LogAxis
{
    public static void Label(ScottPlot.IAxis axis, string format) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => Math.Pow(10, v).ToString(format, CultureInfo.InvariantCulture),
        };
}
