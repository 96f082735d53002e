using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Spells an imported network in the attribute's topology notation, for the generated file's header and for
/// NG0204 when a declared topology disagrees: <c>"4-8:tanh-3:softmax"</c>, or for a feature-map input
/// <c>"1x6x6-conv3x3x2(padding=1):relu-maxpool2-3:identity"</c>, or for a sequence <c>"5x3-gru4-2:identity"</c>. What the notation cannot say (pads that
/// differ between sides) is written as ONNX's <c>pads=[...]</c>, so the text still tells the truth.
/// </summary>
internal static class OnnxTopologyText
{
    public static string Of(ImportedNetwork model)
    {
        string input = model.InputShape.Count == 0 ? Text(model.InputCount) : Join(model.InputShape, "x");
        return input + string.Concat(model.Layers.Select((l, k) => "-" + Layer(l, k == 0 ? null : model.Layers[k - 1], k + 1 < model.Layers.Count ? model.Layers[k + 1] : null)));
    }

    private static string Layer(LayerSpec layer, LayerSpec? previous, LayerSpec? next)
    {
        string activation = ":" + layer.Activation.ToString().ToLowerInvariant();
        switch (layer.Kind)
        {
            case LayerKind.SimpleRnn:
            case LayerKind.Gru:
            case LayerKind.Lstm:
                // A recurrent layer before another returns its sequence without being told; GRU and LSTM take no activation.
                string sequence = layer.ReturnsSequence && next?.IsRecurrent != true ? "(return=sequence)" : "";
                string name = layer.Kind == LayerKind.Gru ? "gru" : layer.Kind == LayerKind.Lstm ? "lstm" : "rnn";
                return name + Text(layer.Hidden) + sequence + (layer.Kind == LayerKind.SimpleRnn ? activation : "");
            case LayerKind.PerStepDense:
                return Text(layer.Hidden) + activation; // per step: implied by the sequence before it
            case LayerKind.Dense when previous?.ReturnsSequence == true:
                return "flatten-" + Text(layer.Width) + activation;
            case LayerKind.Convolution:
                var options = new List<string>();
                if (layer.Stride.Any(s => s != 1))
                {
                    options.Add("stride=" + Sizes(layer.Stride));
                }
                if (layer.Dilation.Any(d => d != 1))
                {
                    options.Add("dilation=" + Sizes(layer.Dilation));
                }
                if (Padding(layer) is { } padding)
                {
                    options.Add(padding);
                }
                return "conv" + Join(layer.Kernel, "x") + "x" + Text(layer.Filters) + Options(options) + activation;
            case LayerKind.MaxPool:
            case LayerKind.AveragePool:
                bool defaultStride = layer.Stride == layer.Kernel;
                return (layer.Kind == LayerKind.MaxPool ? "maxpool" : "avgpool") + Sizes(layer.Kernel)
                    + (defaultStride ? "" : "(stride=" + Sizes(layer.Stride) + ")");
            case LayerKind.GlobalAveragePool:
                return "gap";
            default:
                return Text(layer.Width) + activation;
        }
    }

    /// <summary>Null for none; <c>padding=same</c>, <c>padding=N</c> on every side, or ONNX's pads when the sides differ.</summary>
    private static string? Padding(LayerSpec layer)
    {
        if (layer.SamePadding)
        {
            return "padding=same";
        }
        if (layer.Pads.All(p => p == 0))
        {
            return null;
        }
        return layer.Pads.All(p => p == layer.Pads[0]) ? "padding=" + Text(layer.Pads[0]) : "pads=[" + Join(layer.Pads, ", ") + "]";
    }

    /// <summary>One number when every dimension has it (the grammar's short form), else one per dimension.</summary>
    private static string Sizes(EquatableArray<int> values) => values.All(v => v == values[0]) ? Text(values[0]) : Join(values, "x");

    private static string Options(List<string> options) => options.Count == 0 ? "" : "(" + string.Join(", ", options) + ")";

    private static string Join(EquatableArray<int> values, string separator) => string.Join(separator, values.Select(Text));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
