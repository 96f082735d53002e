using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Samples.Shared;

/// <summary>
/// Writes loss curves as a small self-contained SVG: epochs across, loss down a log scale (losses fall
/// by orders of magnitude), one coloured polyline per series. No plotting package needed.
/// </summary>
internal static class LossCurveSvg
{
    private const double Width = 720, Height = 420, Left = 70, Right = 160, Top = 40, Bottom = 50;
    private static readonly string[] Colors = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };

    public static void Write(string path, string title, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        var finite = series.SelectMany(s => s.Values).Where(v => v > 0 && double.IsFinite(v)).ToArray();
        double low = Math.Floor(Math.Log10(finite.Min())), high = Math.Ceiling(Math.Log10(finite.Max()));
        if (high == low)
        {
            high = low + 1;
        }
        int epochs = series.Max(s => s.Values.Count);
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double X(int epoch) => Left + plotWidth * (epochs <= 1 ? 0 : (epoch - 1) / (double)(epochs - 1));
        double Y(double loss) => Top + plotHeight * (high - Math.Log10(Math.Max(loss, Math.Pow(10, low)))) / (high - low);
        string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(Width)}\" height=\"{N(Height)}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine($"<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine($"<text x=\"{N(Width / 2)}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>");
        for (double power = low; power <= high; power++)
        {
            double y = Y(Math.Pow(10, power));
            svg.AppendLine($"<line x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(Left + plotWidth)}\" y2=\"{N(y)}\" stroke=\"#ddd\"/>");
            svg.AppendLine($"<text x=\"{N(Left - 8)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">1e{power.ToString(CultureInfo.InvariantCulture)}</text>");
        }
        foreach (int epoch in new[] { 1, (epochs + 1) / 2, epochs }.Distinct())
        {
            svg.AppendLine($"<text x=\"{N(X(epoch))}\" y=\"{N(Top + plotHeight + 18)}\" text-anchor=\"middle\">{epoch}</text>");
        }
        svg.AppendLine($"<text x=\"{N(Left + plotWidth / 2)}\" y=\"{N(Height - 10)}\" text-anchor=\"middle\">epoch</text>");
        svg.AppendLine($"<text transform=\"translate(16 {N(Top + plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">loss (log scale)</text>");
        svg.AppendLine($"<rect x=\"{N(Left)}\" y=\"{N(Top)}\" width=\"{N(plotWidth)}\" height=\"{N(plotHeight)}\" fill=\"none\" stroke=\"#333\"/>");
        for (int s = 0; s < series.Count; s++)
        {
            string color = Colors[s % Colors.Length];
            var points = series[s].Values.Select((loss, k) => $"{N(X(k + 1))},{N(Y(loss))}");
            svg.AppendLine($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{string.Join(' ', points)}\"/>");
            double legendY = Top + 10 + 18 * s;
            svg.AppendLine($"<line x1=\"{N(Width - Right + 12)}\" y1=\"{N(legendY)}\" x2=\"{N(Width - Right + 32)}\" y2=\"{N(legendY)}\" stroke=\"{color}\" stroke-width=\"2\"/>");
            svg.AppendLine($"<text x=\"{N(Width - Right + 38)}\" y=\"{N(legendY + 4)}\">{Escape(series[s].Name)}</text>");
        }
        svg.AppendLine("</svg>");
        File.WriteAllText(path, svg.ToString());
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
