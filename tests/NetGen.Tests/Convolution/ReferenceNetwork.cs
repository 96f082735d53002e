using System.Numerics;
using NetGen;

namespace NetGen.Tests.Convolution;

/// <summary>A hand-written network's layers: the declaration a <see cref="ReferenceNetwork{TDeclaration, T}"/> reads.</summary>
internal interface ILayerDeclaration
{
    static abstract LayerStack Declare();
}

/// <summary>
/// A network written by hand from a <see cref="LayerInfo"/> table, whose Forward is a plain interpreter of the
/// layers (direct sums in double, written from the PyTorch definitions, not from NetGen's code): a reference for
/// the runtime's layer walkers and the ONNX exporter that needs no generated code. Forward only.
/// </summary>
internal sealed class ReferenceNetwork<TDeclaration, T> : INetwork<ReferenceNetwork<TDeclaration, T>, T>
    where TDeclaration : ILayerDeclaration
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly LayerStack Stack = TDeclaration.Declare();
    private static readonly LayerInfo[] s_layers = Stack.Layers;
    private static readonly int[] s_inputShape = Stack.InputShape;
    private static readonly string[] s_names = NamesOf(s_layers);
    private static readonly bool[] s_trainable = Enumerable.Repeat(true, Stack.ParameterCount).ToArray();
    private static readonly int[] s_sizes = [s_inputShape.Aggregate(1, (a, b) => a * b), .. s_layers.Select(l => l.OutputSize)];
    private static readonly Activation[] s_activations = s_layers.Select(l => l.Activation).ToArray();

    private readonly T[] _parameters = new T[Stack.ParameterCount];

    public static int InputCount => s_sizes[0];
    public static int OutputCount => s_sizes[^1];
    public static int ParameterCount => Stack.ParameterCount;
    public static ReadOnlySpan<int> LayerSizes => s_sizes;
    public static ReadOnlySpan<Activation> LayerActivations => s_activations;
    public static ReadOnlySpan<int> InputShape => s_inputShape;
    public static ReadOnlySpan<LayerInfo> Layers => s_layers;
    public static ReadOnlySpan<string> ParameterNames => s_names;
    public static ReadOnlySpan<bool> ParameterIsTrainable => s_trainable;
    public static double LeakyReLUSlope => 0.1;

    public Span<T> Parameters => _parameters;

    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        double[] values = new double[input.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = double.CreateChecked(input[i]);
        }
        double[] p = _parameters.Select(v => double.CreateChecked(v)).ToArray();
        foreach (LayerInfo layer in s_layers)
        {
            values = ReferenceLayers.Forward(layer, values, p, LeakyReLUSlope);
        }
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = T.CreateChecked(values[i]);
        }
    }

    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient) => throw ForwardOnly();
    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate) => throw ForwardOnly();
    public T BackwardBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient) => throw ForwardOnly();
    public T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate) => throw ForwardOnly();

    private static NotSupportedException ForwardOnly() => new("A reference network computes Forward only.");

    /// <summary>"l1.w0", "l1.b0": one name per parameter, by layer.</summary>
    private static string[] NamesOf(LayerInfo[] layers)
    {
        var names = new List<string>();
        for (int k = 0; k < layers.Length; k++)
        {
            names.AddRange(Enumerable.Range(0, layers[k].WeightCount).Select(j => $"l{k + 1}.w{j}"));
            names.AddRange(Enumerable.Range(0, layers[k].BiasCount).Select(j => $"l{k + 1}.b{j}"));
        }
        return names.ToArray();
    }
}

/// <summary>Each layer kind by its definition, one output value at a time (1D maps are 2D maps of height 1).</summary>
internal static class ReferenceLayers
{
    public static double[] Forward(LayerInfo layer, double[] x, double[] p, double slope)
    {
        double[] sums = layer.Kind switch
        {
            LayerKind.Dense => Dense(layer, x, p),
            LayerKind.Convolution => Convolution(layer, x, p),
            LayerKind.MaxPool or LayerKind.AveragePool => Pool(layer, x),
            LayerKind.GlobalAveragePool => GlobalAverage(layer, x),
            _ => throw new NotSupportedException(layer.Kind.ToString()),
        };
        return Activate(layer.Activation, sums, slope);
    }

    private static double[] Dense(LayerInfo layer, double[] x, double[] p)
    {
        int units = layer.OutputSize, inputs = layer.InputSize, w = layer.ParameterOffset, b = w + layer.WeightCount;
        var z = new double[units];
        for (int j = 0; j < units; j++)
        {
            double sum = p[b + (layer.BiasCount == 1 ? 0 : j)];
            for (int i = 0; i < inputs; i++)
            {
                sum += p[w + j * inputs + i] * x[i];
            }
            z[j] = sum;
        }
        return z;
    }

    /// <summary>(channels, height, width) of a shape and a window's (height, width) with 1 for a missing dimension.</summary>
    private static (int C, int H, int W) Map(IReadOnlyList<int> shape) => shape.Count == 2 ? (shape[0], 1, shape[1]) : (shape[0], shape[1], shape[2]);

    private static (int H, int W) Pair(IReadOnlyList<int> values, int fill) => values.Count == 1 ? (fill, values[0]) : (values[0], values[1]);

    private static double[] Convolution(LayerInfo layer, double[] x, double[] p)
    {
        var (c, h, w) = Map(layer.InputShape);
        var (f, oh, ow) = Map(layer.OutputShape);
        var (kh, kw) = Pair(layer.Kernel, 1);
        var (sh, sw) = Pair(layer.Stride, 1);
        var (dh, dw) = Pair(layer.Dilation, 1);
        int rank = layer.Kernel.Length;
        int padTop = rank == 2 ? layer.Pads[0] : 0, padLeft = rank == 2 ? layer.Pads[1] : layer.Pads[0];
        int wOffset = layer.ParameterOffset, bOffset = wOffset + layer.WeightCount;
        var z = new double[f * oh * ow];
        for (int filter = 0; filter < f; filter++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    double sum = p[bOffset + (layer.BiasCount == 1 ? 0 : filter)];
                    for (int channel = 0; channel < c; channel++)
                    {
                        for (int ky = 0; ky < kh; ky++)
                        {
                            for (int kx = 0; kx < kw; kx++)
                            {
                                int y = oy * sh - padTop + ky * dh, xx = ox * sw - padLeft + kx * dw;
                                if (y >= 0 && y < h && xx >= 0 && xx < w)
                                {
                                    sum += p[wOffset + ((filter * c + channel) * kh + ky) * kw + kx] * x[(channel * h + y) * w + xx];
                                }
                            }
                        }
                    }
                    z[(filter * oh + oy) * ow + ox] = sum;
                }
            }
        }
        return z;
    }

    private static double[] Pool(LayerInfo layer, double[] x)
    {
        var (c, h, w) = Map(layer.InputShape);
        var (_, oh, ow) = Map(layer.OutputShape);
        var (kh, kw) = Pair(layer.Kernel, 1);
        var (sh, sw) = Pair(layer.Stride, 1);
        var z = new double[c * oh * ow];
        for (int channel = 0; channel < c; channel++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    double max = double.NegativeInfinity, sum = 0;
                    for (int ky = 0; ky < kh; ky++)
                    {
                        for (int kx = 0; kx < kw; kx++)
                        {
                            double v = x[(channel * h + oy * sh + ky) * w + ox * sw + kx];
                            max = Math.Max(max, v);
                            sum += v;
                        }
                    }
                    z[(channel * oh + oy) * ow + ox] = layer.Kind == LayerKind.MaxPool ? max : sum / (kh * kw);
                }
            }
        }
        return z;
    }

    private static double[] GlobalAverage(LayerInfo layer, double[] x)
    {
        int channels = layer.InputShape[0], positions = layer.InputSize / channels;
        return Enumerable.Range(0, channels).Select(c => x.Skip(c * positions).Take(positions).Sum() / positions).ToArray();
    }

    private static double[] Activate(Activation activation, double[] z, double slope)
    {
        switch (activation)
        {
            case Activation.Softmax:
                double max = z.Max();
                double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
                double total = e.Sum();
                return e.Select(v => v / total).ToArray();
            default:
                return z.Select(v => activation switch
                {
                    Activation.Identity => v,
                    Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
                    Activation.Tanh => Math.Tanh(v),
                    Activation.ReLU => Math.Max(v, 0),
                    Activation.LeakyReLU => v > 0 ? v : slope * v,
                    _ => throw new NotSupportedException(activation.ToString()),
                }).ToArray();
        }
    }
}
