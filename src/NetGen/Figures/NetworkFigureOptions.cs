using System;
namespace NetGen;

/// <summary>How <see cref="NetworkFigure"/> draws a network.</summary>
public sealed class NetworkFigureOptions
{
    /// <summary>The first line of the figure; by default the network type's name and its layer widths.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// Layers wider than this are drawn compactly: their first <c>MaxUnitsPerLayer - 4</c> units, a gap that says
    /// how many are left out, and their last two units; the weights of the units left out are not drawn.
    /// At least 5; 8 by default, the width up to which every label stays readable.
    /// </summary>
    public int MaxUnitsPerLayer { get; init; } = 8;
}
