using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Figures;

/// <summary>Says in lines of text what the figure shows: the network's facts plus the recorded values.</summary>
internal static class FigureModelBuilder
{
    private const string Arrow = " \u2192 ";

    /// <summary>Builds the figure's content.</summary>
    /// <param name="title">The network's name and anything the caller added.</param>
    /// <param name="sizes">Layer widths, input first.</param>
    /// <param name="activations">Activation of each layer after the input.</param>
    /// <param name="parameterNames">The network's parameter names in parameter order.</param>
    /// <param name="trainable">Whether training changes each parameter.</param>
    /// <param name="values">What Explain recorded.</param>
    /// <param name="maxUnits">Layers wider than this are drawn with some units elided.</param>
    public static FigureModel Build(string title, ReadOnlySpan<int> sizes, ReadOnlySpan<Activation> activations,
        ReadOnlySpan<string> parameterNames, ReadOnlySpan<bool> trainable, RecordedValues values, int maxUnits)
    {
        NetworkShape shape = NetworkShape.Of(sizes, parameterNames);
        string[] names = parameterNames.ToArray();
        bool[] isTrainable = trainable.ToArray();
        bool anyFrozen = isTrainable.Any(t => !t);

        var layers = new List<FigureLayer>();
        for (int k = 0; k < sizes.Length; k++)
        {
            layers.Add(Layer(k, shape, activations, names, isTrainable, values, maxUnits));
        }

        var edges = new List<FigureEdge>();
        for (int k = 1; k < sizes.Length; k++)
        {
            NetworkShape.LayerParameters at = shape.Parameters[k - 1];
            int fanIn = sizes[k - 1];
            foreach (int to in layers[k].Shown)
            {
                foreach (int from in layers[k - 1].Shown)
                {
                    int index = at.WeightOffset + to * fanIn + from;
                    edges.Add(new FigureEdge(k, from, to, names[index], ParameterLines(names[index], isTrainable[index], values, gradientName: null)));
                }
            }
        }

        return new FigureModel(Header(title, values, names), layers, edges, Legend(values, anyFrozen, shape.Parameters.Any(p => p.BiasCount > 1), layers, maxUnits));
    }

    private static FigureLayer Layer(int k, NetworkShape shape, ReadOnlySpan<Activation> activations, string[] names, bool[] trainable,
        RecordedValues values, int maxUnits)
    {
        IReadOnlyList<string> unitNames = shape.Units[k];
        bool input = k == 0, output = k == shape.Units.Count - 1;
        NetworkShape.LayerParameters? parameters = input ? null : shape.Parameters[k - 1];
        var units = new List<FigureUnit>();
        for (int j = 0; j < unitNames.Count; j++)
        {
            string unit = unitNames[j];
            var lines = new List<FigureLine>();
            if (input)
            {
                AddValue(lines, "", values.Value(unit));
            }
            else
            {
                AddValue(lines, "sum = ", values.Value("sum_" + unit));
                AddValue(lines, "out = ", values.Value("out_" + unit));
                if (output)
                {
                    AddValue(lines, "target = ", values.Value("target_" + unit));
                    AddValue(lines, "E" + (j + 1) + " = ", values.Value("E" + (j + 1)));
                }
                if (values.Value("dE_dsum_" + unit) is double delta)
                {
                    lines.Add(new FigureLine("dE/dsum = " + FigureText.Number(delta), Tone.Gradient));
                }
                if (parameters is { BiasCount: > 1 } perUnit)
                {
                    int index = perUnit.BiasOffset + j;
                    lines.Add(BiasLine(names[index], trainable[index], values));
                }
            }
            units.Add(new FigureUnit(unit, lines));
        }

        var shown = Enumerable.Range(0, unitNames.Count).ToList();
        string? elision = null;
        if (unitNames.Count > maxUnits)
        {
            // The first units and the last two: a reader sees how names run and where they end.
            int head = maxUnits - 2 - 2;
            shown = Enumerable.Range(0, head).Concat(new[] { unitNames.Count - 2, unitNames.Count - 1 }).ToList();
            int elided = unitNames.Count - shown.Count;
            elision = $"{elided} units ({unitNames[head]}..{unitNames[unitNames.Count - 3]}) not drawn";
        }

        IReadOnlyList<FigureLine> sharedBias = Array.Empty<FigureLine>();
        if (parameters is { BiasCount: 1 } shared)
        {
            string name = names[shared.BiasOffset];
            var lines = new List<FigureLine>(ParameterLines(name, trainable[shared.BiasOffset], values, "dE_d" + name));
            lines.Add(new FigureLine("shared by every unit of " + shape.LayerNames[k], Tone.Note));
            sharedBias = lines;
        }

        string title = input ? "inputs"
            : (output ? "outputs" : "hidden layer " + shape.LayerNames[k]) + " \u00b7 " + activations[k - 1].ToString().ToLowerInvariant();
        return new FigureLayer(shape.LayerNames[k], title, units, shown, sharedBias, elision);
    }

    /// <summary>
    /// "w = before", "dE/dw = gradient", "new w = after", as far as they were recorded: the order in which the
    /// step computes them.
    /// </summary>
    private static IReadOnlyList<FigureLine> ParameterLines(string name, bool trainable, RecordedValues values, string? gradientName)
    {
        string symbol = name.StartsWith("b_", StringComparison.Ordinal) ? "b" : "w";
        if (!trainable)
        {
            return new[] { new FigureLine(new[] { new Segment(name + " = " + Show(values.Before(name)), Tone.Value), new Segment(" (frozen)", Tone.Note) }) };
        }
        var lines = new List<FigureLine> { new(name + " = " + Show(values.Before(name)), Tone.Value) };
        if ((values.Value("dE_d" + name) ?? (gradientName is null ? null : values.Value(gradientName))) is double gradient)
        {
            lines.Add(new FigureLine("dE/d" + symbol + " = " + FigureText.Number(gradient), Tone.Gradient));
        }
        if (values.After(name) is double after)
        {
            lines.Add(new FigureLine("new " + symbol + " = " + FigureText.Number(after), Tone.Update));
        }
        return lines;
    }

    /// <summary>A per-unit bias in its unit's values: one line, its gradient being the unit's dE/dsum.</summary>
    private static FigureLine BiasLine(string name, bool trainable, RecordedValues values)
    {
        var segments = new List<Segment> { new(name + " = " + Show(values.Before(name)), Tone.Value) };
        if (!trainable)
        {
            segments.Add(new Segment(" (frozen)", Tone.Note));
        }
        else if (values.After(name) is double after)
        {
            segments.Add(new Segment(Arrow + FigureText.Number(after), Tone.Update));
        }
        return new FigureLine(segments);
    }

    private static void AddValue(List<FigureLine> lines, string label, double? value)
    {
        if (value is double v)
        {
            lines.Add(new FigureLine(label + FigureText.Number(v), Tone.Value));
        }
    }

    private static string Show(double? value) => value is double v ? FigureText.Number(v) : "?";

    private static IReadOnlyList<FigureLine> Header(string title, RecordedValues values, string[] names)
    {
        var lines = new List<FigureLine> { new(title, Tone.Value) };
        lines.Add(values.Stepped
            ? new FigureLine("One training step" + LearningRate(values, names) + ": the forward pass, the error, every dE/dw of the backward pass and the new weights.", Tone.Note)
            : new FigureLine("The forward pass, the error and every dE/dw of the backward pass; no step was taken, the weights are unchanged.", Tone.Note));
        if (values.Value("E_total") is double error)
        {
            lines.Add(new FigureLine("E_total = " + FigureText.Number(error) + (values.Stepped ? " (before the step)" : ""), Tone.Value));
        }
        return lines;
    }

    /// <summary>" at learning rate 0.6", recovered from the recorded step (the recorder keeps no rate of its own).</summary>
    private static string LearningRate(RecordedValues values, string[] names)
    {
        // new = before - rate * gradient, so rate = (before - new) / gradient, best conditioned for the largest gradient.
        (double Gradient, double Rate) best = (0, double.NaN);
        foreach (string name in names)
        {
            if (values.After(name) is double after && values.Before(name) is double before && values.Value("dE_d" + name) is double gradient
                && Math.Abs(gradient) > Math.Abs(best.Gradient))
            {
                best = (gradient, (before - after) / gradient);
            }
        }
        return double.IsFinite(best.Rate) ? " at learning rate " + FigureText.Number(best.Rate) : "";
    }

    private static IReadOnlyList<FigureLine> Legend(RecordedValues values, bool anyFrozen, bool perUnitBias, IReadOnlyList<FigureLayer> layers, int maxUnits)
    {
        var lines = new List<FigureLine>
        {
            new(new[]
            {
                new Segment("Each edge: ", Tone.Note), new Segment(values.Stepped ? "its weight before the step" : "its weight", Tone.Value), new Segment(", ", Tone.Note),
                new Segment("dE/dw = the gradient of E_total", Tone.Gradient),
                new Segment(values.Stepped ? ", " : "", Tone.Note), new Segment(values.Stepped ? "new w = the weight after the step" : "", Tone.Update),
                new Segment(".", Tone.Note),
            }),
            new("Each unit: sum = its weighted sum, out = its activation, dE/dsum = the error reaching its sum.", Tone.Note),
        };
        if (perUnitBias)
        {
            lines.Add(new FigureLine("A bias of its own unit is written with the unit" + (values.Stepped ? " (before \u2192 after the step)" : "")
                + "; its gradient is the unit's dE/dsum.", Tone.Note));
        }
        if (anyFrozen)
        {
            lines.Add(new FigureLine("Frozen parameters are not trained: they have no gradient and keep their value.", Tone.Note));
        }
        if (layers.Any(l => l.Elision is not null))
        {
            lines.Add(new FigureLine($"Layers wider than {maxUnits} units show their first {maxUnits - 4} and last 2 units; the units between and their weights are not drawn.", Tone.Note));
        }
        return lines;
    }
}
