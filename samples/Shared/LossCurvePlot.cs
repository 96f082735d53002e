using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Samples.Shared;

/// <summary>
/// Draws loss curves with ScottPlot and saves them as SVG or PNG: epochs across, loss on a log scale (losses
/// fall by orders of magnitude), one line per series.
/// </summary>
internal static class LossCurvePlot
{
    public static void SaveSvg(string path, string title, IReadOnlyList<(string Name, IReadOnlyList<double> Losses)> series) =>
        Draw(title, series).SaveSvg(path, 720, 420);

    public static void SavePng(string path, string title, IReadOnlyList<(string Name, IReadOnlyList<double> Losses)> series) =>
        Draw(title, series).SavePng(path, 720, 420);

    private static Plot Draw(string title, IReadOnlyList<(string Name, IReadOnlyList<double> Losses)> series)
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
        // Round values as labels (LogTicks: at least four, where powers of ten alone gave Iris two), and the
        // axis from the first tick to the last, so that every label is on the plot.
        double[] all = series.SelectMany(s => s.Losses).Where(l => l > 0 && double.IsFinite(l)).ToArray();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        IReadOnlyList<(double Value, string Label)> labelled = LogTicks.For(all.Min(), all.Max());
        foreach (var (value, label) in labelled)
        {
            ticks.AddMajor(Math.Log10(value), label);
        }
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(Math.Log10(labelled[0].Value), Math.Log10(labelled[^1].Value));
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss (log scale)");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
