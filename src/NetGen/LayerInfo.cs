using System;
using System.Collections.Immutable;

namespace NetGen;

/// <summary>
/// One layer of a generated network after its input: what it computes, the shape it reads and writes
/// (PyTorch and ONNX layout for one sample: <c>[features]</c>, <c>[channels, length]</c> or
/// <c>[channels, height, width]</c>, row-major), its kernel, and where its parameters sit in
/// <see cref="INetwork{TSelf, T}.Parameters"/>. Written by the generator; exporters, initialisers and save
/// files read it.
/// </summary>
public sealed class LayerInfo
{
    /// <summary>Describes one layer. Spatial arrays have one entry per spatial dimension (<paramref name="pads"/> two: begins, then ends).</summary>
    public LayerInfo(LayerKind kind, Activation activation, int[] inputShape, int[] outputShape,
        int[] kernel, int[] stride, int[] dilation, int[] pads, int parameterOffset, int weightCount, int biasCount)
    {
        Kind = kind;
        Activation = activation;
        InputShape = ImmutableArray.Create(inputShape ?? throw new ArgumentNullException(nameof(inputShape)));
        OutputShape = ImmutableArray.Create(outputShape ?? throw new ArgumentNullException(nameof(outputShape)));
        Kernel = ImmutableArray.Create(kernel ?? Array.Empty<int>());
        Stride = ImmutableArray.Create(stride ?? Array.Empty<int>());
        Dilation = ImmutableArray.Create(dilation ?? Array.Empty<int>());
        Pads = ImmutableArray.Create(pads ?? Array.Empty<int>());
        ParameterOffset = parameterOffset;
        WeightCount = weightCount;
        BiasCount = biasCount;
    }

    /// <summary>A dense layer of <paramref name="units"/> units reading <paramref name="inputs"/> values.</summary>
    public static LayerInfo Dense(int inputs, int units, Activation activation, int parameterOffset, int biasCount) =>
        new(LayerKind.Dense, activation, new[] { inputs }, new[] { units }, null!, null!, null!, null!,
            parameterOffset, inputs * units, biasCount);

    /// <summary>What the layer computes.</summary>
    public LayerKind Kind { get; }

    /// <summary>Applied to each unit after its sum (<see cref="Activation.Identity"/> for pooling).</summary>
    public Activation Activation { get; }

    /// <summary>The shape this layer reads: the previous layer's <see cref="OutputShape"/>, or the network's input shape.</summary>
    public ImmutableArray<int> InputShape { get; }

    /// <summary><c>[units]</c> for a dense layer, <c>[channels, positions...]</c> for the others.</summary>
    public ImmutableArray<int> OutputShape { get; }

    /// <summary>The window of a convolution or pooling layer, per spatial dimension; empty otherwise.</summary>
    public ImmutableArray<int> Kernel { get; }

    /// <summary>How far the window moves per output position, per spatial dimension; empty for dense and global pooling.</summary>
    public ImmutableArray<int> Stride { get; }

    /// <summary>The spacing of a convolution's kernel taps (1: adjacent), per spatial dimension; empty otherwise.</summary>
    public ImmutableArray<int> Dilation { get; }

    /// <summary>Zeros added around a convolution's input in ONNX order: each spatial dimension's start, then each one's end.</summary>
    public ImmutableArray<int> Pads { get; }

    /// <summary>The index of this layer's first weight in the parameter vector.</summary>
    public int ParameterOffset { get; }

    /// <summary>Weights, in PyTorch order (<c>[units, inputs]</c>; <c>[filters, channels, kernel...]</c>).</summary>
    public int WeightCount { get; }

    /// <summary>Biases after the weights: one per unit or filter, or one for the layer when shared; 0 for pooling.</summary>
    public int BiasCount { get; }

    /// <summary>
    /// How many values feed one unit: the input size for dense, channels x kernel taps for a convolution, the
    /// features per step for a recurrent layer's input weights and a per-step dense layer, 0 for pooling.
    /// </summary>
    public int FanIn => Kind switch
    {
        LayerKind.Dense => Product(InputShape),
        LayerKind.Convolution => InputShape[0] * Product(Kernel),
        LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm or LayerKind.PerStepDense => InputShape[1],
        _ => 0,
    };

    /// <summary>SimpleRNN, GRU or LSTM: run over the <see cref="Steps"/> of a <c>[time, features]</c> input.</summary>
    public bool IsRecurrent => Kind is LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm;

    /// <summary>Time steps of a recurrent or per-step dense layer (its input's first dimension); 0 for the others.</summary>
    public int Steps => IsRecurrent || Kind == LayerKind.PerStepDense ? InputShape[0] : 0;

    /// <summary>Hidden units of a recurrent layer, units per step of a per-step dense one; 0 for the others.</summary>
    public int HiddenSize => IsRecurrent || Kind == LayerKind.PerStepDense ? OutputShape[OutputShape.Length - 1] : 0;

    /// <summary>
    /// Rows of gates per hidden unit in PyTorch's order: SimpleRNN 1, GRU 3 (r, z, n), LSTM 4 (i, f, g, o); 0 for
    /// the others. The weights are <c>weight_ih [gates x hidden, features]</c> then <c>weight_hh [gates x hidden, hidden]</c>,
    /// the biases <c>bias_ih</c> then <c>bias_hh</c>, each <c>[gates x hidden]</c>.
    /// </summary>
    public int GateCount => Kind switch
    {
        LayerKind.SimpleRnn => 1,
        LayerKind.Gru => 3,
        LayerKind.Lstm => 4,
        _ => 0,
    };

    /// <summary>Whether a recurrent layer writes every step's state (<c>[time, hidden]</c>) rather than its last (<c>[hidden]</c>).</summary>
    public bool ReturnsSequence => (IsRecurrent && OutputShape.Length == 2) || Kind == LayerKind.PerStepDense;

    /// <summary>
    /// A recurrent layer of <paramref name="hidden"/> units over <paramref name="steps"/> steps of <paramref name="features"/>
    /// values, with PyTorch's parameters (<see cref="GateCount"/>) from <paramref name="parameterOffset"/>.
    /// </summary>
    public static LayerInfo Recurrent(LayerKind kind, Activation activation, int steps, int features, int hidden, bool returnsSequence, int parameterOffset)
    {
        int gates = kind switch
        {
            LayerKind.SimpleRnn => 1,
            LayerKind.Gru => 3,
            LayerKind.Lstm => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a recurrent layer is SimpleRnn, Gru or Lstm"),
        };
        return new(kind, activation, new[] { steps, features }, returnsSequence ? new[] { steps, hidden } : new[] { hidden },
            null!, null!, null!, null!, parameterOffset, gates * hidden * (features + hidden), 2 * gates * hidden);
    }

    /// <summary>A dense layer of <paramref name="units"/> applied at each of <paramref name="steps"/> steps of <paramref name="inputs"/> values.</summary>
    public static LayerInfo PerStepDense(int steps, int inputs, int units, Activation activation, int parameterOffset, int biasCount) =>
        new(LayerKind.PerStepDense, activation, new[] { steps, inputs }, new[] { steps, units }, null!, null!, null!, null!,
            parameterOffset, inputs * units, biasCount);

    /// <summary>Values produced per sample.</summary>
    public int OutputSize => Product(OutputShape);

    /// <summary>Values read per sample.</summary>
    public int InputSize => Product(InputShape);

    private static int Product(ImmutableArray<int> shape)
    {
        int product = 1;
        foreach (int d in shape)
        {
            product *= d;
        }
        return product;
    }
}
