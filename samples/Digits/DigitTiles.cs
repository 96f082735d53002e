using System.Collections.Generic;
using ScottPlot;

namespace Digits;

/// <summary>Draws 8x8 digits as grayscale tiles (ink dark on white, as written), each titled with its true and predicted digit.</summary>
internal static class DigitTiles
{
    private const int Columns = 8;

    /// <param name="path">The PNG to write.</param>
    /// <param name="title">The picture's title.</param>
    /// <param name="tiles">Each image's 64 pixels in [0, 1], row by row, with its caption.</param>
    public static void SavePng(string path, string title, IReadOnlyList<(double[] Pixels, string Caption)> tiles)
    {
        var plot = new Plot();
        int rows = (tiles.Count + Columns - 1) / Columns;
        // Each tile is 8 units wide, with 2 units between tiles across and 4 down for the caption.
        const double cell = DigitsData.Side, gapX = 2, gapY = 4;
        for (int k = 0; k < tiles.Count; k++)
        {
            var (pixels, caption) = tiles[k];
            var intensities = new double[DigitsData.Side, DigitsData.Side];
            for (int y = 0; y < DigitsData.Side; y++)
            {
                for (int x = 0; x < DigitsData.Side; x++)
                {
                    // Grayscale maps 0 to black: 1 - ink draws the strokes dark on white.
                    intensities[y, x] = 1 - pixels[y * DigitsData.Side + x];
                }
            }
            double left = k % Columns * (cell + gapX), top = -(k / Columns) * (cell + gapY);
            var heatmap = plot.Add.Heatmap(intensities);
            heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
            heatmap.ManualRange = new Range(0, 1);
            heatmap.Rectangle = new CoordinateRect(left, left + cell, top - cell, top);
            var text = plot.Add.Text(caption, left + cell / 2, top + 0.4);
            text.LabelFontSize = 13;
            text.LabelAlignment = Alignment.LowerCenter;
        }
        plot.Title(title);
        plot.HideAxesAndGrid();
        plot.Axes.SetLimits(-gapX / 2, Columns * (cell + gapX) - gapX / 2, -rows * (cell + gapY) + gapY / 2, gapY);
        plot.SavePng(path, 80 * Columns + 40, 95 * rows + 60);
    }
}
