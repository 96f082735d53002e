namespace NetGen.Generator.Model;

/// <summary>
/// One layer after the input: its kind, its number of output values (<see cref="Width"/>: units of a dense
/// layer, channels x positions of a spatial one) and its activation. A convolution or pooling layer also has
/// its output shape and window, all resolved (no "same" left to work out): built by
/// <see cref="Planning.SpatialShapes"/> for the topology parser and the ONNX importer alike.
/// </summary>
internal sealed record LayerSpec(int Width, ActivationKind Activation)
{
    public LayerKind Kind { get; init; } = LayerKind.Dense;

    /// <summary><c>[channels, positions...]</c> of a spatial layer's output (for a convolution, channels = filters); empty for dense.</summary>
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
    public bool IsSpatial => Kind != LayerKind.Dense;

    /// <summary>1 or 2 for a spatial layer.</summary>
    public int SpatialRank => OutputShape.Count - 1;

    /// <summary>The filters of a convolution (its output channels).</summary>
    public int Filters => OutputShape[0];
}
