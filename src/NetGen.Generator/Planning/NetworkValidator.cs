using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Where the parts of a declaration are written, so that a diagnostic points at the part at fault. The
/// attribute path finds them in the attribute's syntax; the ONNX path in the request it recorded (where
/// the model decides the layers, at the model's name).
/// </summary>
internal abstract class ArgumentLocator
{
    /// <summary>The class's name: where reports about the network as a whole go (NG0100).</summary>
    public abstract LocationInfo? Class { get; }

    /// <summary>The layers as a whole (the topology string, or the model): sizes and depth.</summary>
    public abstract LocationInfo? Layers { get; }

    /// <summary>Where layer <paramref name="layer"/>'s activation is decided (0 is the first hidden layer).</summary>
    public abstract LocationInfo? LayerActivation(int layer);

    /// <summary>A named argument of the attribute ("Loss", "CodeStyle"), else the whole attribute.</summary>
    public abstract LocationInfo? Named(string name);
}

/// <summary>
/// The checks every network gets, whether declared by topology or imported from ONNX, and the choice of
/// code style with its reason: one place, so that both paths refuse and report the same things. Takes a
/// draft spec whose <see cref="NetworkSpec.CodeStyle"/> is the style the user asked for; returns the spec
/// with the style resolved and its reason, or null when a diagnostic is an error.
/// </summary>
internal static class NetworkValidator
{
    public static NetworkSpec? Validate(NetworkSpec draft, ArgumentLocator where, List<DiagnosticInfo> diagnostics)
    {
        int errorsBefore = diagnostics.Count;
        CheckDepthAndWidths(draft, where, diagnostics);
        if (diagnostics.Count > errorsBefore)
        {
            // Too deep or too wide: nothing after this is worth computing over every layer again.
            return null;
        }
        CheckActivations(draft, where, diagnostics);
        var (weights, parameters, units, multiplyAdds) = Count(draft);
        if (parameters > Limits.MaxParameters)
        {
            diagnostics.Add(TooLarge(where, parameters, Limits.MaxParameters, "parameters"));
        }
        else if (units > Limits.MaxUnits)
        {
            diagnostics.Add(TooLarge(where, units, Limits.MaxUnits, "hidden and output units"));
        }
        // Any error, this one's or the declaration's (an invalid argument, a class that is not partial):
        // no network will be generated, so there is no style to choose or report.
        return diagnostics.Count > errorsBefore || diagnostics.Exists(d => d.IsError)
            ? null
            : ResolveCodeStyle(draft, weights, multiplyAdds, units, where, diagnostics);
    }

    private static void CheckDepthAndWidths(NetworkSpec draft, ArgumentLocator where, List<DiagnosticInfo> diagnostics)
    {
        if (draft.Layers.Count > Limits.MaxLayers)
        {
            diagnostics.Add(TooLarge(where, draft.Layers.Count, Limits.MaxLayers, "layers of weights (hidden and output layers)"));
            return;
        }
        foreach (LayerSpec layer in draft.Layers)
        {
            if (layer.Width < 1 || layer.Width > Limits.MaxWidth)
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.InvalidLayerWidth, where.Layers,
                    layer.Width.ToString(CultureInfo.InvariantCulture), Text(Limits.MaxWidth)));
                return;
            }
        }
    }

    private static void CheckActivations(NetworkSpec draft, ArgumentLocator where, List<DiagnosticInfo> diagnostics)
    {
        for (int k = 0; k < draft.Layers.Count - 1; k++)
        {
            if (draft.Layers[k].Activation == ActivationKind.Softmax)
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.SoftmaxOnHiddenLayer, where.LayerActivation(k),
                    Text(k + 1), Text(draft.Layers[k].Width)));
            }
        }
        ActivationKind output = draft.OutputLayer.Activation;
        if (draft.Loss == LossKind.CrossEntropy && output is not (ActivationKind.Softmax or ActivationKind.Sigmoid))
        {
            diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.UnsupportedLossPairing, where.Named("Loss"), output.ToString()));
        }
    }

    /// <summary>
    /// Weights, parameters (weights and biases), hidden-and-output units (every layer's output values) and the
    /// multiply-adds of one forward pass, without overflow. A dense layer's multiply-adds are its weights; a
    /// convolution's are its output values times its fan-in (channels x taps), though its weights are only
    /// filters x channels x taps; pooling has no parameters and reads its window once per output value;
    /// global average pooling reads every input once; a recurrent or per-step dense layer uses its weights once per time step.
    /// </summary>
    public static (long Weights, long Parameters, long Units, long MultiplyAdds) Count(NetworkSpec spec)
    {
        long weights = 0, biases = 0, units = 0, multiplyAdds = 0;
        for (int k = 0; k < spec.Layers.Count; k++)
        {
            LayerSpec layer = spec.Layers[k];
            int[] input = SpatialShapes.InputOf(spec, k);
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    long dense = layer.Width * Product(input);
                    weights += dense;
                    multiplyAdds += dense;
                    biases += spec.Bias == BiasKind.PerNeuron ? layer.Width : 1;
                    break;
                case LayerKind.Convolution:
                    long fanIn = input[0] * Product(layer.Kernel.AsSpan().ToArray());
                    weights += layer.Filters * fanIn;
                    multiplyAdds += layer.Width * fanIn;
                    biases += spec.Bias == BiasKind.PerNeuron ? layer.Filters : 1;
                    break;
                case LayerKind.GlobalAveragePool:
                    multiplyAdds += Product(input);
                    break;
                case LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm:
                    // Each step multiplies every gate's weights once (weight_ih and weight_hh); biases are PyTorch's two vectors, always per unit.
                    long recurrent = RecurrentShapes.Weights(layer, input[1]);
                    weights += recurrent;
                    multiplyAdds += input[0] * recurrent;
                    biases += RecurrentShapes.Biases(layer);
                    break;
                case LayerKind.PerStepDense:
                    long perStep = (long)layer.Hidden * input[1];
                    weights += perStep;
                    multiplyAdds += input[0] * perStep;
                    biases += spec.Bias == BiasKind.PerNeuron ? layer.Hidden : 1;
                    break;
                default:
                    multiplyAdds += layer.Width * Product(layer.Kernel.AsSpan().ToArray());
                    break;
            }
            units += layer.Width;
        }
        return (weights, weights + biases, units, multiplyAdds);
    }

    /// <summary>
    /// Units that become named locals when unrolled: every layer's outputs, and for a recurrent layer every
    /// gate and state at every step (time x hidden x (gates + 1), LSTM's cell one more).
    /// </summary>
    private static long UnrolledUnits(NetworkSpec spec, long units)
    {
        for (int k = 0; k < spec.Layers.Count; k++)
        {
            LayerSpec layer = spec.Layers[k];
            if (layer.IsRecurrent)
            {
                int steps = SpatialShapes.InputOf(spec, k)[0];
                units += (long)steps * layer.Hidden * (layer.GateCount + (layer.Kind == LayerKind.Lstm ? 2 : 1)) - layer.Width;
            }
        }
        return units;
    }

    private static long Product(int[] values)
    {
        long product = 1;
        foreach (int v in values)
        {
            product *= v;
        }
        return product;
    }

    /// <summary>
    /// The style and its reason, NG0100 when NetGen chose, and NG0101/NG0102 when an explicit Unrolled is too
    /// large. A dense network is measured in weights; one with convolution or pooling in multiply-adds (its
    /// code grows with those: a convolution uses each weight at every position), and the messages say which.
    /// </summary>
    private static NetworkSpec ResolveCodeStyle(NetworkSpec draft, long weights, long multiplyAdds, long units, ArgumentLocator where, List<DiagnosticInfo> diagnostics)
    {
        CodeStyleKind requested = draft.CodeStyle;
        bool spatial = !draft.IsDenseOnly;
        var (style, reason) = spatial
            ? CodeStylePolicy.ResolveSpatial(requested, multiplyAdds, UnrolledUnits(draft, units))
            : CodeStylePolicy.Resolve(requested, weights);
        long size = spatial ? multiplyAdds : weights;
        string sizeText = Text(size) + (spatial ? " multiply-adds" : " weights");
        if (requested == CodeStyleKind.Auto)
        {
            // Only where NetGen chose: an explicit CodeStyle is honoured, or refused with NG0102 below.
            diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.CodeStyleChosen, where.Class,
                draft.Type.Name, spatial ? Text(weights) + " weights, " + sizeText : sizeText,
                style == CodeStyleKind.Unrolled ? "unrolled code" : "loops", reason));
        }
        if (requested == CodeStyleKind.Unrolled && style == CodeStyleKind.Loops)
        {
            diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.UnrolledRefused, where.Named("CodeStyle"),
                draft.Type.Name, sizeText, Text(Limits.UnrollHardMaxWeights) + (spatial ? " multiply-adds" : " weights")));
        }
        else if (style == CodeStyleKind.Unrolled && size > Limits.JitCliffWeights)
        {
            diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.UnrolledTooLarge, where.Named("CodeStyle"), draft.Type.Name, sizeText));
        }
        return draft with { CodeStyle = style, CodeStyleReason = reason };
    }

    /// <summary>
    /// NG0015 for a size the ONNX reader refused before it materialised anything (nodes, parameters, bytes):
    /// reported through the validator, which owns every size refusal, with the reader's own words for both.
    /// </summary>
    public static DiagnosticInfo ModelTooLarge(LocationInfo? at, string found, string limit) =>
        DiagnosticInfo.At(DiagnosticDescriptors.NetworkTooLarge, at, found, limit);

    private static DiagnosticInfo TooLarge(ArgumentLocator where, long count, long limit, string what) =>
        DiagnosticInfo.At(DiagnosticDescriptors.NetworkTooLarge, where.Layers, Text(count) + " " + what, Text(limit) + " " + what);

    private static string Text(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
