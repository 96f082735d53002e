namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to know about one declared network, as plain equatable data: no
/// symbols, syntax nodes or locations, so that an unrelated edit leaves it equal and cached.
/// </summary>
internal sealed record NetworkSpec(
    TypeShape Type,
    string Topology,
    int InputCount,
    EquatableArray<LayerSpec> Layers,
    BiasKind Bias,
    bool TrainBiases,
    LossKind Loss,
    PrecisionKind Precision,
    double LeakyReLUSlope,
    CodeStyleKind CodeStyle)
{
    public LayerSpec OutputLayer => Layers[Layers.Count - 1];

    /// <summary>
    /// The shape of one sample's input: <c>[InputCount]</c> when declared flat (<c>"4-8-3"</c>), else
    /// <c>[channels, length]</c> or <c>[channels, height, width]</c> (<c>"1x8x8 - ..."</c>), or <c>[time, features]</c>
    /// when the first layer is recurrent (<c>"50x2 - gru16 - 1"</c>). Empty means flat.
    /// </summary>
    public EquatableArray<int> InputShape { get; init; }

    /// <summary>The input shape, <c>[InputCount]</c> when declared flat.</summary>
    public int[] InputDimensions => InputShape.Count == 0 ? new[] { InputCount } : InputShape.AsSpan().ToArray();

    /// <summary>Whether any layer is a convolution or pooling layer.</summary>
    public bool HasSpatialLayers => System.Linq.Enumerable.Any(Layers, l => l.IsSpatial);

    /// <summary>Whether any layer is recurrent (SimpleRNN, GRU, LSTM): the input is <c>[time, features]</c>.</summary>
    public bool HasRecurrentLayers => System.Linq.Enumerable.Any(Layers, l => l.IsRecurrent);

    /// <summary>Whether every layer is plain dense: sized by weights, eligible for GEMM batches; the others are sized by multiply-adds.</summary>
    public bool IsDenseOnly => System.Linq.Enumerable.All(Layers, l => l.Kind == LayerKind.Dense);

    /// <summary>The time steps of a recurrent network (its input's first dimension); 0 for the others.</summary>
    public int Steps => HasRecurrentLayers ? InputShape[0] : 0;

    /// <summary>
    /// Why <see cref="CodeStyle"/> was chosen, in words for the generated remarks and NG0100 ("CodeStyle.Loops
    /// was requested", "2,368 weights is over 256, where vectorised loops beat straight-line code"); set by
    /// <see cref="Planning.NetworkValidator"/>.
    /// </summary>
    public string CodeStyleReason { get; init; } = "";

    /// <summary>The ONNX model the network was compiled from, as the attribute names it; null when declared by topology.</summary>
    public string? OnnxModel { get; init; }

    /// <summary>The trained parameters read from <see cref="OnnxModel"/>, in parameter order; empty when declared by topology.</summary>
    public EquatableArray<double> InitialParameters { get; init; }
}

/// <summary>
/// Where the partial class lives: namespace, enclosing types and its own name, written as C# (keywords
/// escaped with '@'), how the generated code refers to the class, and the unique file-name-safe name of
/// its generated file.
/// </summary>
internal sealed record TypeShape(
    string? Namespace,
    EquatableArray<string> ContainingTypeDeclarations,
    string Name,
    string SelfReference,
    string HintName);
