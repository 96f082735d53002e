namespace NetGen.Generator.Model;

/// <summary>
/// One layer after the input: its kind, its number of output values (<see cref="Width"/>: units of a dense
/// layer, channels x positions of a spatial one) and its activation. A convolution or pooling layer also has
/// its output shape and window, all resolved (no "same" left to work out): built by
/// <see cref="Planning.SpatialShapes"/> for the topology parser and the ONNX importer alike. A recurrent layer
/// (<see cref="IsRecurrent"/>) reads <c>[time, features]</c> and writes <c>[time, hidden]</c> (its whole sequence) or
/// <c>[hidden]</c> (its last state), its <see cref="Activation"/> the cell's (tanh or ReLU for SimpleRNN, tanh for GRU
/// and LSTM); a per-step dense layer reads <c>[time, inputs]</c> and writes <c>[time, units]</c>. Built by
/// <see cref="Planning.RecurrentShapes"/>.
/// </summary>
internal sealed record LayerSpec(int Width, ActivationKind Activation)
{
    public LayerKind Kind { get; init; } = LayerKind.Dense;

    /// <summary>
    /// <c>[channels, positions...]</c> of a spatial layer's output (for a convolution, channels = filters);
    /// <c>[time, hidden]</c> or <c>[hidden]</c> of a recurrent one; <c>[time, units]</c> of a per-step dense one; empty for dense.
    /// </summary>
    public EquatableArray<int> OutputShape { get; init; }

    /// <summary>The window per spatial dimension (convolution and pooling); empty otherwise.</summary>
    public EquatableArray<int> Kernel { get; init; }

    /// <summary>The step of the window per spatial dimension; empty for dense and global pooling.</summary>
    public EquatableArray<int> Stride { get; init; }

    /// <summary>The spacing of a convolution's kernel taps per spatial dimension (1: adjacent); empty otherwise.</summary>
    public EquatableArray<int> Dilation { get; init; }

    /// <summary>Zeros added around a convolution's input, ONNX order: each dimension's start, then each one's end.</summary>
    public EquatableArray<int> Pads { get; init; }

    /// <summary>Whether the pads were declared as <c>padding=same</c> (for describing the layer; <see cref="Pads"/> holds the numbers).</summary>
    public bool SamePadding { get; init; }

    /// <summary>Convolution or pooling: a layer over a feature map rather than a flat vector.</summary>
    public bool IsSpatial => Kind is LayerKind.Convolution or LayerKind.MaxPool or LayerKind.AveragePool or LayerKind.GlobalAveragePool;

    /// <summary>SimpleRNN, GRU or LSTM: a layer run over the time steps of a <c>[time, features]</c> input.</summary>
    public bool IsRecurrent => Kind is LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm;

    /// <summary>Whether the layer's output keeps a time axis (<c>[time, ...]</c>): a recurrent layer returning its sequence, a per-step dense layer.</summary>
    public bool ReturnsSequence => (IsRecurrent && OutputShape.Count == 2) || Kind == LayerKind.PerStepDense;

    /// <summary>The hidden units of a recurrent layer, the units per step of a per-step dense one.</summary>
    public int Hidden => OutputShape[OutputShape.Count - 1];

    /// <summary>Rows of gates a recurrent layer computes per hidden unit: 1 (SimpleRNN), 3 (GRU: r, z, n), 4 (LSTM: i, f, g, o).</summary>
    public int GateCount => Kind switch
    {
        LayerKind.Gru => 3,
        LayerKind.Lstm => 4,
        _ => 1,
    };

    /// <summary>1 or 2 for a spatial layer.</summary>
    public int SpatialRank => OutputShape.Count - 1;

    /// <summary>The filters of a convolution (its output channels).</summary>
    public int Filters => OutputShape[0];
}
