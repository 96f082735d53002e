using System.Numerics;
using NetGen.Tests.Convolution;

namespace NetGen.Onnx.Tests.Recurrent;

/// <summary>
/// A hand-declared recurrent network whose Forward interprets its <see cref="LayerInfo"/> table from PyTorch's
/// definitions of RNN, GRU and LSTM (in double, written here, not from NetGen's generated code): the reference the
/// exporter and importer are checked on until generated recurrent networks are on main. Forward only.
/// </summary>
internal sealed class RecurrentReference<TDeclaration, T> : INetwork<RecurrentReference<TDeclaration, T>, T>
    where TDeclaration : ILayerDeclaration
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly LayerStack Stack = TDeclaration.Declare();
    private static readonly LayerInfo[] s_layers = Stack.Layers;
    private static readonly int[] s_inputShape = Stack.InputShape;
    private static readonly string[] s_names = Enumerable.Range(0, Stack.ParameterCount).Select(i => "p" + i).ToArray();
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

    public void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        for (int r = 0; r < inputs.Length / InputCount; r++)
        {
            Forward(inputs.Slice(r * InputCount, InputCount), outputs.Slice(r * OutputCount, OutputCount));
        }
    }

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
            values = RecurrentLayers.Forward(layer, values, p, LeakyReLUSlope);
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
}

/// <summary>Dense, per-step dense, SimpleRNN, GRU and LSTM layers by PyTorch's definitions, over one sample.</summary>
internal static class RecurrentLayers
{
    public static double[] Forward(LayerInfo layer, double[] x, double[] p, double slope)
    {
        int w = layer.ParameterOffset, b = w + layer.WeightCount;
        switch (layer.Kind)
        {
            case LayerKind.Dense:
                return Activate(layer.Activation, Affine(p, w, b, layer.BiasCount == 1, x, 0, layer.InputSize, layer.OutputSize), slope);
            case LayerKind.PerStepDense:
                int steps = layer.Steps, inputs = layer.InputShape[1], units = layer.HiddenSize;
                var y = new double[steps * units];
                for (int t = 0; t < steps; t++)
                {
                    Activate(layer.Activation, Affine(p, w, b, layer.BiasCount == 1, x, t * inputs, inputs, units), slope).CopyTo(y, t * units);
                }
                return y;
            default:
                return Recurrent(layer, x, p);
        }
    }

    /// <summary>W x[offset..offset+inputs] + b for <paramref name="units"/> rows of W from <paramref name="w"/>.</summary>
    private static double[] Affine(double[] p, int w, int b, bool shared, double[] x, int offset, int inputs, int units)
    {
        var z = new double[units];
        for (int j = 0; j < units; j++)
        {
            double sum = p[b + (shared ? 0 : j)];
            for (int i = 0; i < inputs; i++)
            {
                sum += p[w + j * inputs + i] * x[offset + i];
            }
            z[j] = sum;
        }
        return z;
    }

    /// <summary>
    /// PyTorch's cells, zero initial state; parameters weight_ih [G H, F], weight_hh [G H, H], bias_ih, bias_hh.
    /// Gate g's pre-activations from the input and from the state are kept apart, as GRU's n needs them.
    /// </summary>
    private static double[] Recurrent(LayerInfo layer, double[] x, double[] p)
    {
        int steps = layer.Steps, features = layer.InputShape[1], hidden = layer.HiddenSize, gates = layer.GateCount;
        int wih = layer.ParameterOffset, whh = wih + gates * hidden * features, bih = whh + gates * hidden * hidden, bhh = bih + gates * hidden;
        var h = new double[hidden];
        var c = new double[hidden];
        var sequence = new double[steps * hidden];
        for (int t = 0; t < steps; t++)
        {
            double[] fromInput = Affine(p, wih, bih, false, x, t * features, features, gates * hidden);
            double[] fromState = Affine(p, whh, bhh, false, h, 0, hidden, gates * hidden);
            var next = new double[hidden];
            for (int j = 0; j < hidden; j++)
            {
                double Gate(int g) => fromInput[g * hidden + j] + fromState[g * hidden + j];
                switch (layer.Kind)
                {
                    case LayerKind.SimpleRnn:
                        next[j] = layer.Activation == Activation.ReLU ? Math.Max(Gate(0), 0) : Math.Tanh(Gate(0));
                        break;
                    case LayerKind.Gru:
                        double r = Sigmoid(Gate(0)), z = Sigmoid(Gate(1));
                        double n = Math.Tanh(fromInput[2 * hidden + j] + r * fromState[2 * hidden + j]);
                        next[j] = (1 - z) * n + z * h[j];
                        break;
                    case LayerKind.Lstm:
                        double i = Sigmoid(Gate(0)), f = Sigmoid(Gate(1)), g = Math.Tanh(Gate(2)), o = Sigmoid(Gate(3));
                        c[j] = f * c[j] + i * g;
                        next[j] = o * Math.Tanh(c[j]);
                        break;
                }
            }
            h = next;
            h.CopyTo(sequence, t * hidden);
        }
        return layer.ReturnsSequence ? sequence : h;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static double[] Activate(Activation activation, double[] z, double slope)
    {
        if (activation == Activation.Softmax)
        {
            double max = z.Max();
            double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
            return e.Select(v => v / e.Sum()).ToArray();
        }
        return z.Select(v => activation switch
        {
            Activation.Identity => v,
            Activation.Sigmoid => Sigmoid(v),
            Activation.Tanh => Math.Tanh(v),
            Activation.ReLU => Math.Max(v, 0),
            Activation.LeakyReLU => v > 0 ? v : slope * v,
            _ => throw new NotSupportedException(activation.ToString()),
        }).ToArray();
    }
}
