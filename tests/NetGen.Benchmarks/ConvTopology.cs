namespace NetGen.Benchmarks;

/// <summary>What a layer of <see cref="ConvTopology"/> computes.</summary>
public enum ConvLayerKind
{
    /// <summary>Filters over every channel, zero padding, stride 1, then ReLU; weights [filters, channels, kH, kW], then biases.</summary>
    Conv,
    /// <summary>The largest value of each window, per channel; stride = window.</summary>
    MaxPool,
    /// <summary>Every unit over the flattened input, then ReLU (hidden) or softmax (the last layer); weights [out, in], then biases.</summary>
    Dense,
}

/// <summary>
/// One layer with its shapes resolved. 1D layers are 2D layers of height 1 (<c>[channels, 1, length]</c>),
/// which is what <c>Conv1d</c> computes; the ONNX model keeps them 1D.
/// </summary>
public sealed record ConvLayer(ConvLayerKind Kind, int InC, int InH, int InW, int OutC, int OutH, int OutW, int KH, int KW, int PadTop, int PadLeft)
{
    public int InputSize => InC * InH * InW;

    public int OutputSize => OutC * OutH * OutW;

    public int WeightCount => Kind switch
    {
        ConvLayerKind.Conv => OutC * InC * KH * KW,
        ConvLayerKind.Dense => OutputSize * InputSize,
        _ => 0,
    };

    public int BiasCount => Kind == ConvLayerKind.MaxPool ? 0 : OutC * (Kind == ConvLayerKind.Dense ? OutH * OutW : 1);

    /// <summary>Inputs feeding one output: what the benchmark's initial weights are scaled by.</summary>
    public int FanIn => Kind == ConvLayerKind.Conv ? InC * KH * KW : InputSize;
}

/// <summary>
/// The two convolutional networks of the benchmarks, described independently of NetGen's generator (so the
/// hand-written version and the ONNX model check NetGen rather than repeat it).
/// </summary>
public sealed class ConvTopology
{
    /// <summary>The digits CNN: <c>1x8x8 - conv3x3x8(padding=same):relu - maxpool2 - 32:relu - 10:softmax</c>.</summary>
    public static readonly ConvTopology Digits = new("digits", new[] { 1, 8, 8 }, new[]
    {
        new ConvLayer(ConvLayerKind.Conv, 1, 8, 8, 8, 8, 8, 3, 3, 1, 1),
        new ConvLayer(ConvLayerKind.MaxPool, 8, 8, 8, 8, 4, 4, 2, 2, 0, 0),
        new ConvLayer(ConvLayerKind.Dense, 8, 4, 4, 32, 1, 1, 0, 0, 0, 0),
        new ConvLayer(ConvLayerKind.Dense, 32, 1, 1, 10, 1, 1, 0, 0, 0, 0),
    });

    /// <summary>A signal network: <c>3x64 - conv5x8:relu - maxpool2 - conv3x8:relu - maxpool2 - 16:relu - 4:softmax</c>.</summary>
    public static readonly ConvTopology Signal = new("signal", new[] { 3, 64 }, new[]
    {
        new ConvLayer(ConvLayerKind.Conv, 3, 1, 64, 8, 1, 60, 1, 5, 0, 0),
        new ConvLayer(ConvLayerKind.MaxPool, 8, 1, 60, 8, 1, 30, 1, 2, 0, 0),
        new ConvLayer(ConvLayerKind.Conv, 8, 1, 30, 8, 1, 28, 1, 3, 0, 0),
        new ConvLayer(ConvLayerKind.MaxPool, 8, 1, 28, 8, 1, 14, 1, 2, 0, 0),
        new ConvLayer(ConvLayerKind.Dense, 8, 1, 14, 16, 1, 1, 0, 0, 0, 0),
        new ConvLayer(ConvLayerKind.Dense, 16, 1, 1, 4, 1, 1, 0, 0, 0, 0),
    });

    private ConvTopology(string name, int[] inputShape, ConvLayer[] layers)
    {
        Name = name;
        InputShape = inputShape;
        Layers = layers;
    }

    public static ConvTopology Named(string name) => name switch
    {
        "digits" => Digits,
        "signal" => Signal,
        _ => throw new ArgumentException($"No convolutional network is named {name}.", nameof(name)),
    };

    public string Name { get; }

    /// <summary><c>[channels, height, width]</c> or <c>[channels, length]</c>, as PyTorch and ONNX have one sample.</summary>
    public int[] InputShape { get; }

    public ConvLayer[] Layers { get; }

    public int InputCount => Layers[0].InputSize;

    public int OutputCount => Layers[^1].OutputSize;

    public int ParameterCount => Layers.Sum(l => l.WeightCount + l.BiasCount);

    public override string ToString() => Name;
}
