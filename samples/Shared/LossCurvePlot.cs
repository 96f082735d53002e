using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Samples.Shared;

/// <summary>
/// Draws loss curves with ScottPlot and saves them as SVG: epochs across, loss on a log scale (losses
/// fall by orders of magnitude), one line per series.
/// </summary>
internal static class LossCurvePlot
{
    public static void SaveSvg(string path, string title, IReadOnlyList<(string Name, IReadOnlyList<double> Losses)> series)
    {
        var plot = new Plot();
        foreach (var (name, losses) in series)
        {
            double[] epochs = Enumerable.Range(1, losses.Count).Select(e => (double)e).ToArray();
            // ScottPlot draws log scales as log10 of the data with tick labels to match.
            double[] logLosses = losses.Select(Math.Log10).ToArray();
            var line = plot.Add.Scatter(epochs, logLosses);
            line.LegendText = name;
            line.MarkerSize = 0;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = power => $"1e{power:0}",
        };
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss (log scale)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SaveSvg(path, 720, 420);
    }
}
