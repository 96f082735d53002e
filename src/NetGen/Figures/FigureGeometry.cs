using System;
using System.Collections.Generic;

namespace NetGen.Figures;

/// <summary>An axis-aligned rectangle in SVG pixels (y grows downwards).</summary>
internal readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public static Box Around(double centerX, double centerY, double width, double height) =>
        new(centerX - width / 2, centerY - height / 2, width, height);

    /// <summary>Whether the two overlap, or come closer than <paramref name="gap"/>.</summary>
    public bool Overlaps(Box other, double gap = 0) =>
        X < other.Right + gap && other.X < Right + gap && Y < other.Bottom + gap && other.Y < Bottom + gap;
}

/// <summary>What a block of text is, for the writer's styling and the tests.</summary>
internal enum TextKind
{
    Header,
    LayerTitle,
    UnitValues,
    EdgeLabel,
    SharedBias,
    Elision,
    Legend,
}

/// <summary>A block of lines placed on the figure.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Owner">The unit, parameter or layer it belongs to (empty for header and legend).</param>
/// <param name="Box">Its framed area, text and padding included.</param>
/// <param name="Lines">Its text.</param>
/// <param name="FontSize">In pixels.</param>
/// <param name="Framed">Drawn on a white, outlined label (edge labels, biases) rather than a white halo.</param>
/// <param name="Stroke">The frame's colour, or null for grey.</param>
internal sealed record PlacedText(TextKind Kind, string Owner, Box Box, IReadOnlyList<FigureLine> Lines, double FontSize, bool Framed, string? Stroke);

/// <summary>A unit's circle.</summary>
internal sealed record PlacedUnit(string Name, int Layer, double X, double Y, double Radius)
{
    public Box Box => Box.Around(X, Y, 2 * Radius, 2 * Radius);
}

/// <summary>An edge from centre to centre of two circles, in its source unit's colour.</summary>
internal sealed record PlacedEdge(FigureEdge Edge, double X1, double Y1, double X2, double Y2, string Color);

/// <summary>The whole figure, placed.</summary>
internal sealed record FigureLayout(double Width, double Height, IReadOnlyList<PlacedUnit> Units, IReadOnlyList<PlacedEdge> Edges,
    IReadOnlyList<PlacedText> Texts);
