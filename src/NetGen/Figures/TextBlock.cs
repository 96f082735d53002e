using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Figures;

/// <summary>
/// The size of a block of lines and where each line's baseline sits in it. One place for both, so that the
/// boxes the layout keeps apart are the boxes the writer fills.
/// </summary>
internal static class TextBlock
{
    /// <summary>Space between the text and its box's edge.</summary>
    public const double Padding = 4;

    /// <summary>Baseline to baseline, in font sizes: DejaVu's glyph box is 1.164 em tall, so lines never touch.</summary>
    public const double LineAdvance = 1.3;

    /// <summary>Box top to the first baseline past the padding: DejaVu's ascent is 0.928 em.</summary>
    private const double Ascent = 0.95;

    /// <summary>Below the last baseline: DejaVu's descent is 0.236 em.</summary>
    private const double Descent = 0.25;

    public static (double Width, double Height) Measure(IReadOnlyList<FigureLine> lines, double fontSize, bool bold = false) =>
        lines.Count == 0
            ? (0, 0)
            : (lines.Max(l => Width(l, fontSize, bold)) + 2 * Padding,
               (lines.Count - 1) * LineAdvance * fontSize + (Ascent + Descent) * fontSize + 2 * Padding);

    /// <summary>A line's width: new values (<see cref="Tone.Update"/>) are drawn bold.</summary>
    public static double Width(FigureLine line, double fontSize, bool bold = false) =>
        line.Segments.Sum(s => FigureText.Width(s.Text, fontSize, bold || s.Tone == Tone.Update));

    /// <summary>The baseline of line <paramref name="index"/> of a block whose box starts at <paramref name="top"/>.</summary>
    public static double Baseline(double top, int index, double fontSize) =>
        top + Padding + Ascent * fontSize + index * LineAdvance * fontSize;

    /// <summary>The box a block of <paramref name="lines"/> takes with its top-left corner at (x, y).</summary>
    public static Box At(double x, double y, IReadOnlyList<FigureLine> lines, double fontSize, bool bold = false)
    {
        var (width, height) = Measure(lines, fontSize, bold);
        return new Box(x, y, width, height);
    }

    /// <summary>Whether the block's text would be drawn bold (titles are).</summary>
    public static bool IsBold(TextKind kind) => kind is TextKind.LayerTitle || kind is TextKind.Header;

    public static double FontSize(TextKind kind) => kind switch
    {
        TextKind.Header => 14,
        TextKind.LayerTitle => 13,
        TextKind.UnitValues => 13,
        _ => 12,
    };

    /// <summary>Measure for a kind of text, with its font.</summary>
    public static (double Width, double Height) Measure(TextKind kind, IReadOnlyList<FigureLine> lines) =>
        Measure(lines, FontSize(kind), IsBold(kind));

    /// <summary>A block of a kind, placed with its top-left corner at (x, y).</summary>
    public static PlacedText Place(TextKind kind, string owner, double x, double y, IReadOnlyList<FigureLine> lines, string? stroke = null)
    {
        var (width, height) = Measure(kind, lines);
        bool framed = kind is TextKind.EdgeLabel or TextKind.SharedBias;
        return new PlacedText(kind, owner, new Box(x, y, width, height), lines, FontSize(kind), framed, stroke);
    }

    /// <summary>As <see cref="Place"/>, centred on (x, y).</summary>
    public static PlacedText Center(TextKind kind, string owner, double x, double y, IReadOnlyList<FigureLine> lines, string? stroke = null)
    {
        var (width, height) = Measure(kind, lines);
        return Place(kind, owner, x - width / 2, y - height / 2, lines, stroke);
    }

    internal static IReadOnlyList<FigureLine> Lines(params string[] notes) => notes.Select(n => new FigureLine(n, Tone.Note)).ToArray();

    internal static double Max(IEnumerable<double> values) => values.DefaultIfEmpty(0).Max();

    internal static double Clamp(double value, double min) => Math.Max(value, min);
}
