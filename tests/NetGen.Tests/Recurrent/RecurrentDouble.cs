using System.Numerics;
using NetGen;

namespace NetGen.Tests.Recurrent;

/// <summary>A hand-written recurrent network's layer table: what a <see cref="RecurrentDouble{TDeclaration, T}"/> reports.</summary>
internal interface IRecurrentDeclaration
{
    static abstract int[] InputShape { get; }

    static abstract LayerInfo[] Declare();

    /// <summary>Trainable flags by parameter; null for all trainable.</summary>
    static virtual bool[]? Trainable => null;
}

/// <summary>
/// A test double standing in for a generated recurrent network (built on main by other branches): it declares its
/// <see cref="LayerInfo"/> table with <see cref="LayerInfo.Recurrent"/> and <see cref="LayerInfo.PerStepDense"/>, names
/// its parameters by the generated code's rule (<c>w_r1_2_i3</c>, <c>b_hz1_2</c>, <c>w_o1_h1_3</c>), and its Forward
/// echoes the input so that a test chooses the predictions the evaluation helpers score. It computes no gradient.
/// </summary>
internal sealed class RecurrentDouble<TDeclaration, T> : INetwork<RecurrentDouble<TDeclaration, T>, T>
    where TDeclaration : IRecurrentDeclaration
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly LayerInfo[] s_layers = TDeclaration.Declare();
    private static readonly int[] s_inputShape = TDeclaration.InputShape;
    private static readonly string[] s_names = RecurrentNames.Of(s_layers);
    private static readonly bool[] s_trainable = TDeclaration.Trainable ?? Enumerable.Repeat(true, s_names.Length).ToArray();
    private static readonly int[] s_sizes = [s_inputShape.Aggregate(1, (a, b) => a * b), .. s_layers.Select(l => l.OutputSize)];
    private static readonly Activation[] s_activations = s_layers.Select(l => l.Activation).ToArray();

    private readonly T[] _parameters = new T[s_names.Length];

    public static int InputCount => s_sizes[0];
    public static int OutputCount => s_sizes[^1];
    public static int ParameterCount => s_names.Length;
    public static ReadOnlySpan<int> LayerSizes => s_sizes;
    public static ReadOnlySpan<Activation> LayerActivations => s_activations;
    public static ReadOnlySpan<int> InputShape => s_inputShape;
    public static ReadOnlySpan<LayerInfo> Layers => s_layers;
    public static ReadOnlySpan<string> ParameterNames => s_names;
    public static ReadOnlySpan<bool> ParameterIsTrainable => s_trainable;
    public static double LeakyReLUSlope => 0.01;

    public Span<T> Parameters => _parameters;

    /// <summary>Writes the first <see cref="OutputCount"/> input values: the test's chosen predictions.</summary>
    public void Forward(ReadOnlySpan<T> input, Span<T> output) => input[..OutputCount].CopyTo(output);

    public void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        for (int r = 0; r < inputs.Length / InputCount; r++)
        {
            Forward(inputs.Slice(r * InputCount, InputCount), outputs.Slice(r * OutputCount, OutputCount));
        }
    }

    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient) => throw NoGradient();
    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate) => throw NoGradient();
    public T BackwardBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient) => throw NoGradient();
    public T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate) => throw NoGradient();

    private static NotSupportedException NoGradient() => new("A recurrent test double computes no gradient.");
}

/// <summary>Parameter names by the generated code's rule, in PyTorch's order, for the double's layer tables.</summary>
internal static class RecurrentNames
{
    public static string[] Of(LayerInfo[] layers)
    {
        var names = new List<string>();
        int recurrent = 0, perStep = 0, dense = 0;
        for (int l = 0; l < layers.Length; l++)
        {
            LayerInfo layer = layers[l];
            if (layer.IsRecurrent)
            {
                recurrent++;
                string[] gates = layer.Kind switch { LayerKind.Gru => ["r", "z", "n"], LayerKind.Lstm => ["i", "f", "g", "o"], _ => ["h"] };
                int h = layer.HiddenSize, f = layer.FanIn;
                foreach (string g in gates)
                {
                    names.AddRange(Units(h).SelectMany(j => Units(f).Select(i => $"w_{g}{recurrent}_{j}_i{i}")));
                }
                foreach (string g in gates)
                {
                    names.AddRange(Units(h).SelectMany(j => Units(h).Select(m => $"w_{g}{recurrent}_{j}_h{recurrent}_{m}")));
                }
                foreach (string side in new[] { "i", "h" })
                {
                    foreach (string g in gates)
                    {
                        names.AddRange(Units(h).Select(j => $"b_{side}{g}{recurrent}_{j}"));
                    }
                }
                continue;
            }
            string prefix = layer.Kind == LayerKind.PerStepDense ? $"o{++perStep}" : $"d{++dense}";
            int units = layer.Kind == LayerKind.PerStepDense ? layer.HiddenSize : layer.OutputSize;
            int inputs = layer.Kind == LayerKind.PerStepDense ? layer.FanIn : layer.InputSize;
            names.AddRange(Units(units).SelectMany(j => Units(inputs).Select(i => $"w_{prefix}_{j}_x{i}")));
            names.AddRange(layer.BiasCount == 1 && units > 1 ? [$"b_{prefix}"] : Units(units).Select(j => $"b_{prefix}_{j}"));
        }
        return names.ToArray();
    }

    private static IEnumerable<int> Units(int count) => Enumerable.Range(1, count);
}
