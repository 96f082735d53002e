using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Figures;

/// <summary>
/// Places the figure: layers as columns of circles left to right, each unit's values beside it (inputs to the
/// left, outputs to the right, hidden units below), a layer's shared bias under it, and every weight's label on
/// its edge. Edge labels are placed one gap between layers at a time, each at the first point along its edge
/// where it overlaps nothing placed so far; when a label finds no such point the gap is widened and placed
/// again, so that no two labels ever overlap (the tests check this from the boxes kept here).
/// </summary>
internal static class FigureLayoutEngine
{
    private const double Margin = 24;
    private const double Radius = 22;
    private const double TextGap = 6;      // circle to its values
    private const double Clearance = 4;    // between any two boxes
    private const double SlotSpacing = 16; // between a unit's values and the next unit

    // Colours of edges by source unit (the Tableau palette without its red, which the gradients use).
    private static readonly string[] Palette = { "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf" };

    // Where along an edge a label may sit (0 = source, 1 = target), most preferred first: close to the middle,
    // then outwards, as the worked example's figure writes each weight on its edge.
    private static readonly double[] Positions = Enumerable.Range(0, 36).Select(k => 0.15 + k * 0.02)
        .OrderBy(t => Math.Abs(t - 0.45)).ThenBy(t => t).ToArray();

    private enum Side { Left, Right, Below }

    /// <summary>
    /// Lays the figure out with the units spread further apart vertically until every gap between layers takes
    /// its labels within three label widths; the first such layout is the most compact. Failing that, the
    /// roomiest spacing with gaps as wide as they need to be.
    /// </summary>
    public static FigureLayout Lay(FigureModel model)
    {
        double widestLabel = TextBlock.Max(model.Edges.Select(e => TextBlock.Measure(TextKind.EdgeLabel, e.Lines).Width));
        double tallestLabel = TextBlock.Max(model.Edges.Select(e => TextBlock.Measure(TextKind.EdgeLabel, e.Lines).Height));
        // Small networks first try for labels that no other edge's line crosses at all, as in the published
        // figure; with many edges per gap that cannot be had, and labels only keep clear of crossings if they can.
        bool few = model.Edges.GroupBy(e => e.Layer).All(g => g.Count() <= 16);
        foreach (bool strict in few ? new[] { true, false } : new[] { false })
        {
            foreach (double spread in new[] { 0, 0.5, 1, 1.5, 2, 3 })
            {
                if (Lay(model, spread * tallestLabel, 2 * Radius + 3 * widestLabel, strict) is FigureLayout compact)
                {
                    return compact;
                }
            }
        }
        return Lay(model, 3 * tallestLabel, double.PositiveInfinity, strict: false)!;
    }

    private static FigureLayout? Lay(FigureModel model, double extraSlot, double maxGap, bool strict)
    {
        var texts = new List<PlacedText>();
        int layerCount = model.Layers.Count;

        // Header: the title, then what the figure shows.
        PlacedText title = TextBlock.Place(TextKind.Header, "", Margin, Margin, model.Header.Take(1).ToArray());
        PlacedText subtitle = TextBlock.Place(TextKind.Legend, "", Margin, title.Box.Bottom, model.Header.Skip(1).ToArray());
        texts.Add(title);
        texts.Add(subtitle);

        // Slot height: one for all layers, so that units of equal index line up across layers.
        Side SideOf(int k) => k == 0 ? Side.Left : k == layerCount - 1 ? Side.Right : Side.Below;
        double slot = 2 * Radius + SlotSpacing;
        if (model.Edges.Count > 0)
        {
            slot = Math.Max(slot, TextBlock.Max(model.Edges.Select(e => TextBlock.Measure(TextKind.EdgeLabel, e.Lines).Height)) + SlotSpacing);
        }
        foreach (var (layer, k) in model.Layers.Select((l, k) => (l, k)))
        {
            foreach (int u in layer.Shown)
            {
                double height = TextBlock.Measure(TextKind.UnitValues, layer.Units[u].Lines).Height;
                slot = Math.Max(slot, SideOf(k) == Side.Below ? 2 * Radius + TextGap + height + SlotSpacing : Math.Max(2 * Radius, height) + SlotSpacing);
            }
            if (layer.Elision is not null)
            {
                slot = Math.Max(slot, TextBlock.Measure(TextKind.Elision, ElisionLines(layer)).Height + SlotSpacing);
            }
        }

        slot += extraSlot;

        // Vertical: titles, then the slots of every layer centred on the tallest layer.
        double titleHeight = model.Layers.Max(l => TextBlock.Measure(TextKind.LayerTitle, TitleLines(l)).Height);
        double titleTop = subtitle.Box.Bottom + 16;
        // Values beside a circle (inputs, outputs) are centred on it and may reach above the first slot.
        double overhang = TextBlock.Max(model.Layers.Where((_, k) => SideOf(k) != Side.Below)
            .SelectMany(l => l.Shown.Select(u => TextBlock.Measure(TextKind.UnitValues, l.Units[u].Lines).Height / 2 - Radius - SlotSpacing / 2)));
        double contentTop = titleTop + titleHeight + 8 + Math.Max(0, overhang);
        int SlotCount(FigureLayer layer) => layer.Shown.Count + (layer.Elision is null ? 0 : 1);
        int maxSlots = model.Layers.Max(SlotCount);
        double LayerTop(int k) => contentTop + (maxSlots - SlotCount(model.Layers[k])) * slot / 2;

        // Horizontal: how far each layer's own texts reach to the left and right of its centre line.
        var left = new double[layerCount];
        var right = new double[layerCount];
        for (int k = 0; k < layerCount; k++)
        {
            FigureLayer layer = model.Layers[k];
            double values = TextBlock.Max(layer.Shown.Select(u => TextBlock.Measure(TextKind.UnitValues, layer.Units[u].Lines).Width));
            double centred = TextBlock.Max(new[]
            {
                TextBlock.Measure(TextKind.LayerTitle, TitleLines(layer)).Width,
                TextBlock.Measure(TextKind.SharedBias, layer.SharedBias).Width,
                layer.Elision is null ? 0 : TextBlock.Measure(TextKind.Elision, ElisionLines(layer)).Width,
                SideOf(k) == Side.Below ? values : 0,
            }) / 2;
            left[k] = Math.Max(centred, SideOf(k) == Side.Left ? Radius + TextGap + values : Radius);
            right[k] = Math.Max(centred, SideOf(k) == Side.Right ? Radius + TextGap + values : Radius);
        }

        var x = new double[layerCount];
        x[0] = Margin + left[0];
        var units = new List<PlacedUnit>();
        var edges = new List<PlacedEdge>();
        texts.AddRange(PlaceLayer(model, 0, x[0], LayerTop(0), slot, titleTop, SideOf(0), units));
        double widestLabel = TextBlock.Max(model.Edges.Select(e => TextBlock.Measure(TextKind.EdgeLabel, e.Lines).Width));
        for (int k = 1; k < layerCount; k++)
        {
            double gap = Math.Max(right[k - 1] + left[k] + 24, 2 * Radius + widestLabel + 40);
            List<PlacedText> labels;
            var placedUnits = new List<PlacedUnit>();
            List<PlacedText> next;
            int attempts = 0;
            while (true)
            {
                x[k] = x[k - 1] + gap;
                placedUnits.Clear();
                next = PlaceLayer(model, k, x[k], LayerTop(k), slot, titleTop, SideOf(k), placedUnits);
                // Only what reaches into this gap can be in a label's way.
                double from = x[k - 1], to = x[k];
                var obstacles = texts.Select(t => t.Box).Concat(next.Select(t => t.Box))
                    .Concat(units.Concat(placedUnits).Select(u => u.Box))
                    .Where(b => b.Right > from && b.X < to).ToList();
                // The last attempt places what does not fit anyway: a crowded figure beats a missing label.
                labels = PlaceLabels(model, k, x[k - 1], x[k], contentTop, units, placedUnits, obstacles, strict, force: attempts == 59, out bool placedAll);
                if (placedAll || ++attempts == 60)
                {
                    break;
                }
                gap *= 1.15;
                if (gap > maxGap)
                {
                    return null;
                }
            }
            units.AddRange(placedUnits);
            texts.AddRange(next);
            texts.AddRange(labels);
        }

        foreach (FigureEdge edge in model.Edges)
        {
            PlacedUnit from = Unit(units, edge.Layer - 1, model.Layers[edge.Layer - 1].Units[edge.From].Name);
            PlacedUnit to = Unit(units, edge.Layer, model.Layers[edge.Layer].Units[edge.To].Name);
            edges.Add(new PlacedEdge(edge, from.X, from.Y, to.X, to.Y, ColourOf(model, edge)));
        }

        double contentBottom = texts.Where(t => t.Kind != TextKind.Header && t.Kind != TextKind.Legend).Select(t => t.Box.Bottom)
            .Concat(units.Select(u => u.Box.Bottom)).Max();
        PlacedText legend = TextBlock.Place(TextKind.Legend, "", Margin, contentBottom + 20, model.Legend);
        texts.Add(legend);
        double width = texts.Select(t => t.Box.Right).Append(x[layerCount - 1] + right[layerCount - 1]).Max() + Margin;
        return new FigureLayout(Math.Ceiling(width), Math.Ceiling(legend.Box.Bottom + Margin), units, edges, texts);
    }

    /// <summary>Places layer <paramref name="k"/>'s circles (into <paramref name="units"/>) and returns its texts.</summary>
    private static List<PlacedText> PlaceLayer(FigureModel model, int k, double x, double top, double slot, double titleTop, Side side, List<PlacedUnit> units)
    {
        FigureLayer layer = model.Layers[k];
        var texts = new List<PlacedText>();
        var (titleWidth, _) = TextBlock.Measure(TextKind.LayerTitle, TitleLines(layer));
        texts.Add(TextBlock.Place(TextKind.LayerTitle, layer.Name, x - titleWidth / 2, titleTop, TitleLines(layer)));

        int elisionAfter = layer.ElisionAfter;
        double y = top;
        for (int s = 0; s < layer.Shown.Count; s++)
        {
            FigureUnit unit = layer.Units[layer.Shown[s]];
            double cy = y + Radius + SlotSpacing / 2;
            units.Add(new PlacedUnit(unit.Name, k, x, cy, Radius));
            if (unit.Lines.Count > 0)
            {
                var (w, h) = TextBlock.Measure(TextKind.UnitValues, unit.Lines);
                (double tx, double ty) = side switch
                {
                    Side.Left => (x - Radius - TextGap - w, cy - h / 2),
                    Side.Right => (x + Radius + TextGap, cy - h / 2),
                    _ => (x - w / 2, cy + Radius + TextGap),
                };
                texts.Add(TextBlock.Place(TextKind.UnitValues, unit.Name, tx, ty, unit.Lines));
            }
            y += slot;
            if (s == elisionAfter)
            {
                texts.Add(TextBlock.Center(TextKind.Elision, layer.Name, x, y + slot / 2, ElisionLines(layer)));
                y += slot;
            }
        }
        if (layer.SharedBias.Count > 0)
        {
            // Just under the layer's last unit and its values, not a whole slot further down.
            double below = texts.Skip(1).Select(t => t.Box.Bottom).Concat(units.Where(u => u.Layer == k).Select(u => u.Box.Bottom)).Max() + SlotSpacing;
            var (w, _) = TextBlock.Measure(TextKind.SharedBias, layer.SharedBias);
            texts.Add(TextBlock.Place(TextKind.SharedBias, layer.Name, x - w / 2, below, layer.SharedBias));
        }
        return texts;
    }

    /// <summary>Labels every edge into layer <paramref name="k"/>; false in <paramref name="placedAll"/> when one found no free spot.</summary>
    private static List<PlacedText> PlaceLabels(FigureModel model, int k, double x0, double x1, double top,
        List<PlacedUnit> sources, List<PlacedUnit> targets, List<Box> obstacles, bool strict, bool force, out bool placedAll)
    {
        var labels = new List<PlacedText>();
        placedAll = true;
        var lines = model.Edges.Where(e => e.Layer == k).Select(e =>
        {
            PlacedUnit a = Unit(sources, k - 1, model.Layers[k - 1].Units[e.From].Name), b = Unit(targets, k, model.Layers[k].Units[e.To].Name);
            return new PlacedEdge(e, a.X, a.Y, b.X, b.Y, "");
        }).ToList();
        // Steep edges first: their labels compete with the most others, the level ones can slide along their line.
        foreach (FigureEdge edge in model.Edges.Where(e => e.Layer == k).OrderByDescending(e => Math.Abs(e.To - e.From)))
        {
            PlacedUnit from = Unit(sources, k - 1, model.Layers[k - 1].Units[edge.From].Name);
            PlacedUnit to = Unit(targets, k, model.Layers[k].Units[edge.To].Name);
            // The first free spot along the edge, unless a later one is clear of every edge this one does not meet
            // at a unit: a label lying across another edge's line (where two edges cross) reads as either's.
            // Strict: only a spot that no other edge's line passes through at all.
            PlacedText? placed = null;
            foreach (double t in Positions)
            {
                PlacedText candidate = TextBlock.Center(TextKind.EdgeLabel, edge.Parameter,
                    from.X + t * (to.X - from.X), from.Y + t * (to.Y - from.Y), edge.Lines, ColourOf(model, edge));
                Box box = candidate.Box;
                if (box.X >= x0 + Radius + Clearance && box.Right <= x1 - Radius - Clearance && box.Y >= top
                    && !obstacles.Any(o => o.Overlaps(box, Clearance)))
                {
                    if (!strict)
                    {
                        placed ??= candidate;
                    }
                    if (!lines.Any(l => l.Edge != edge && (strict || (l.Edge.From != edge.From && l.Edge.To != edge.To)) && Crosses(l, box)))
                    {
                        placed = candidate;
                        break;
                    }
                }
            }
            if (placed is null)
            {
                placedAll = false;
                if (!force)
                {
                    return labels;
                }
                placed = TextBlock.Center(TextKind.EdgeLabel, edge.Parameter, (from.X + to.X) / 2, (from.Y + to.Y) / 2, edge.Lines, ColourOf(model, edge));
            }
            labels.Add(placed);
            obstacles.Add(placed.Box);
        }
        return labels;
    }

    /// <summary>Whether the edge's line passes through the box (Liang-Barsky clipping).</summary>
    internal static bool Crosses(PlacedEdge line, Box box)
    {
        double dx = line.X2 - line.X1, dy = line.Y2 - line.Y1, enter = 0, leave = 1;
        foreach (var (p, q) in new[] { (-dx, line.X1 - box.X), (dx, box.Right - line.X1), (-dy, line.Y1 - box.Y), (dy, box.Bottom - line.Y1) })
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return false;
                }
                continue;
            }
            double r = q / p;
            if (p < 0)
            {
                enter = Math.Max(enter, r);
            }
            else
            {
                leave = Math.Min(leave, r);
            }
        }
        return enter <= leave;
    }

    /// <summary>Edges, and their labels' frames, take the colour of their source unit.</summary>
    private static string ColourOf(FigureModel model, FigureEdge edge)
    {
        int index = 0;
        IReadOnlyList<int> shown = model.Layers[edge.Layer - 1].Shown;
        while (shown[index] != edge.From)
        {
            index++;
        }
        return Palette[index % Palette.Length];
    }

    private static PlacedUnit Unit(List<PlacedUnit> units, int layer, string name) => units.First(u => u.Layer == layer && u.Name == name);

    private static IReadOnlyList<FigureLine> TitleLines(FigureLayer layer) => new[] { new FigureLine(layer.Title, Tone.Value) };

    private static IReadOnlyList<FigureLine> ElisionLines(FigureLayer layer) => TextBlock.Lines("\u22EE", layer.Elision!, "\u22EE");
}
