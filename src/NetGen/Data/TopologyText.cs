using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen;

/// <summary>
/// A network's layers written back in the topology grammar (docs/topology.md), for save files and messages:
/// <c>"1x8x8 - conv3x3x8(padding=1):relu - maxpool2 - 10:softmax"</c>, <c>"50x2 - gru16 - 1:identity"</c>. Options
/// appear only when they differ from the defaults (stride 1, no padding, dilation 1; a pool's stride equal to its
/// kernel; a recurrent layer's last state, or its sequence when another recurrent layer follows); one number
/// stands for every spatial dimension when they agree.
/// </summary>
internal static class TopologyText
{
    public static string Describe(ReadOnlySpan<int> inputShape, LayerInfo[] layers)
    {
        var text = new StringBuilder(Dims(inputShape));
        for (int k = 0; k < layers.Length; k++)
        {
            LayerInfo layer = layers[k];
            text.Append(" - ");
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    if (k > 0 && layers[k - 1].ReturnsSequence)
                    {
                        // Without it, a dense layer after a sequence would run per step; this one reads every step's values.
                        text.Append("flatten - ");
                    }
                    text.Append(Number(layer.OutputSize)).Append(':').Append(NetworkLayout.ActivationName(layer.Activation));
                    break;
                case LayerKind.PerStepDense:
                    // Per step is implied by the sequence before it.
                    text.Append(Number(layer.HiddenSize)).Append(':').Append(NetworkLayout.ActivationName(layer.Activation));
                    break;
                case LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm:
                    text.Append(layer.Kind switch { LayerKind.Gru => "gru", LayerKind.Lstm => "lstm", _ => "rnn" }).Append(Number(layer.HiddenSize));
                    // A recurrent layer before another returns its sequence without being told.
                    bool implied = k + 1 < layers.Length && layers[k + 1].IsRecurrent;
                    AppendOptions(text, layer.ReturnsSequence && !implied ? "return=sequence" : "");
                    if (layer.Kind == LayerKind.SimpleRnn)
                    {
                        // GRU and LSTM gates are fixed (sigmoid, tanh); only rnn's tanh or relu is a choice.
                        text.Append(':').Append(NetworkLayout.ActivationName(layer.Activation));
                    }
                    break;
                case LayerKind.Convolution:
                    text.Append("conv").Append(Window(layer.Kernel)).Append('x').Append(Number(layer.OutputShape[0]));
                    AppendOptions(text, ConvolutionOptions(layer));
                    text.Append(':').Append(NetworkLayout.ActivationName(layer.Activation));
                    break;
                case LayerKind.MaxPool or LayerKind.AveragePool:
                    text.Append(layer.Kind == LayerKind.MaxPool ? "maxpool" : "avgpool").Append(Window(layer.Kernel));
                    AppendOptions(text, layer.Stride.SequenceEqual(layer.Kernel) ? "" : "stride=" + Window(layer.Stride));
                    break;
                case LayerKind.GlobalAveragePool:
                    text.Append("gap");
                    break;
                default:
                    throw new NotSupportedException($"Layer kind {layer.Kind} has no topology text.");
            }
        }
        return text.ToString();
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string ConvolutionOptions(LayerInfo layer)
    {
        var options = new StringBuilder();
        void Option(string text) => options.Append(options.Length == 0 ? "" : ", ").Append(text);
        if (!AllEqual(layer.Stride, 1))
        {
            Option("stride=" + Window(layer.Stride));
        }
        if (!AllEqual(layer.Pads, 0))
        {
            Option("padding=" + Padding(layer));
        }
        if (!AllEqual(layer.Dilation, 1))
        {
            Option("dilation=" + Window(layer.Dilation));
        }
        return options.ToString();
    }

    /// <summary>
    /// One number when every side has it; "same" for uneven pads that are ONNX SAME_UPPER's (the odd zero at the
    /// end); otherwise the ONNX pads in order, which the grammar cannot declare but which say what the layer adds.
    /// </summary>
    private static string Padding(LayerInfo layer)
    {
        ImmutableArray<int> pads = layer.Pads;
        if (AllEqual(pads, pads[0]))
        {
            return Number(pads[0]);
        }
        int rank = layer.Kernel.Length;
        bool same = true;
        for (int d = 0; d < rank; d++)
        {
            int size = layer.InputShape[d + 1], stride = layer.Stride[d];
            int total = Math.Max(((size + stride - 1) / stride - 1) * stride + layer.Dilation[d] * (layer.Kernel[d] - 1) + 1 - size, 0);
            same &= pads[d] == total / 2 && pads[rank + d] == total - total / 2;
        }
        return same ? "same" : "[" + string.Join(",", pads.Select(Number)) + "]";
    }

    private static void AppendOptions(StringBuilder text, string options)
    {
        if (options.Length > 0)
        {
            text.Append('(').Append(options).Append(')');
        }
    }

    /// <summary>"3" when every dimension is 3, else "3x2".</summary>
    private static string Window(ImmutableArray<int> values) =>
        AllEqual(values, values[0]) ? Number(values[0]) : Dims(values.AsSpan());

    private static string Dims(ReadOnlySpan<int> values)
    {
        var text = new StringBuilder();
        foreach (int value in values)
        {
            text.Append(text.Length == 0 ? "" : "x").Append(Number(value));
        }
        return text.ToString();
    }

    private static bool AllEqual(ImmutableArray<int> values, int value)
    {
        foreach (int v in values)
        {
            if (v != value)
            {
                return false;
            }
        }
        return true;
    }
}
