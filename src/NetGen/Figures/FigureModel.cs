using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Figures;

/// <summary>What a piece of the figure's text says, which decides its colour.</summary>
internal enum Tone
{
    /// <summary>A value of the forward pass or a parameter before the step.</summary>
    Value,

    /// <summary>A derivative of the error (dE/dw, dE/dsum).</summary>
    Gradient,

    /// <summary>A parameter's value after the step.</summary>
    Update,

    /// <summary>Words about the figure rather than numbers of the network.</summary>
    Note,
}

/// <summary>A run of text in one tone.</summary>
internal readonly record struct Segment(string Text, Tone Tone);

/// <summary>One line of a label, made of runs in different tones.</summary>
internal sealed record FigureLine(IReadOnlyList<Segment> Segments)
{
    public FigureLine(string text, Tone tone) : this(new[] { new Segment(text, tone) }) { }

    public string Text => string.Concat(Segments.Select(s => s.Text));
}

/// <summary>A unit (neuron), its name and the lines written beside it.</summary>
internal sealed record FigureUnit(string Name, IReadOnlyList<FigureLine> Lines);

/// <summary>A layer: all its units, which of them are drawn, and its shared bias if it has one.</summary>
/// <param name="Name">The layer's name in the generated code: <c>i</c>, <c>h</c>, <c>h2</c>, <c>o</c>.</param>
/// <param name="Title">The words above the layer.</param>
/// <param name="Units">Every unit of the layer.</param>
/// <param name="Shown">Indexes of the units drawn, in order; the others are elided.</param>
/// <param name="SharedBias">The lines of the layer's shared bias, or empty.</param>
/// <param name="Elision">What the gap in the layer stands for, or null when every unit is drawn.</param>
internal sealed record FigureLayer(string Name, string Title, IReadOnlyList<FigureUnit> Units, IReadOnlyList<int> Shown,
    IReadOnlyList<FigureLine> SharedBias, string? Elision)
{
    /// <summary>The position (among the drawn units) after which the elision mark goes, or -1.</summary>
    public int ElisionAfter => Elision is null ? -1 : Enumerable.Range(0, Shown.Count - 1).First(k => Shown[k + 1] != Shown[k] + 1);
}

/// <summary>A weight drawn as an edge from unit <see cref="From"/> of layer <see cref="Layer"/> - 1 to unit <see cref="To"/> of layer <see cref="Layer"/>.</summary>
internal sealed record FigureEdge(int Layer, int From, int To, string Parameter, IReadOnlyList<FigureLine> Lines);

/// <summary>Everything the figure says, before any geometry.</summary>
internal sealed record FigureModel(IReadOnlyList<FigureLine> Header, IReadOnlyList<FigureLayer> Layers,
    IReadOnlyList<FigureEdge> Edges, IReadOnlyList<FigureLine> Legend);
