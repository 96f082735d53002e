using System;
using System.Numerics;
using System.Text;

namespace NetGen;

/// <summary>
/// Where each layer's weights and biases sit in a network's parameter vector, and what gives them their
/// meaning, read from the network's <see cref="INetwork{TSelf, T}.Layers"/> and
/// <see cref="INetwork{TSelf, T}.InputShape"/> (checked against its parameter count and names).
/// </summary>
internal sealed class NetworkLayout
{
    private NetworkLayout(LayerInfo[] infos, int[] inputShape, LayerLayout[] layers, bool sharedBias, int scalarSize, string[] names)
    {
        Infos = infos;
        InputShape = inputShape;
        Layers = layers;
        SharedBias = sharedBias;
        ScalarSize = scalarSize;
        Names = names;
        IsDense = inputShape.Length == 1 && Array.TrueForAll(infos, i => i.Kind == LayerKind.Dense);
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>The network's own description of its layers.</summary>
    public LayerInfo[] Infos { get; }

    /// <summary>One sample's input shape: <c>[features]</c>, <c>[channels, length]</c> or <c>[channels, height, width]</c>.</summary>
    public int[] InputShape { get; }

    public LayerLayout[] Layers { get; }

    /// <summary>Only dense layers over a flat input: the network every save file before convolution described.</summary>
    public bool IsDense { get; }

    /// <summary>
    /// What, besides the sizes in a binary header, tells two networks apart: said when a file of equal sizes is
    /// refused.
    /// </summary>
    public string Differences => IsDense
        ? "the parameter names"
        : Array.Exists(Infos, i => i.IsRecurrent || i.Kind == LayerKind.PerStepDense)
            ? "the parameter names or the layers' kinds, time steps, hidden units or returned sequences"
            : "the parameter names or the layers' kinds, shapes, kernels, strides or pads";

    /// <summary>One bias per layer rather than one per unit or filter.</summary>
    public bool SharedBias { get; }

    /// <summary>4 for float, 8 for double.</summary>
    public int ScalarSize { get; }

    public string[] Names { get; }

    public int ParameterCount => Names.Length;

    /// <summary>
    /// FNV-1a 64 over everything that gives the parameters their meaning: precision, layer sizes,
    /// activations and every parameter name in order (names encode the bias mode); for a network with
    /// spatial or recurrent layers also each layer's kind (so its gates), shapes (so its time steps, hidden units
    /// and whether it returns its sequence), kernel, stride, dilation and pads. A dense network's
    /// fingerprint is the one it had before spatial layers existed, so its saved files still load.
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>
    /// "4-8:tanh-3:softmax", or for a convolutional network "1x8x8 - conv3x3x8(padding=1):relu - maxpool2 - 10:softmax",
    /// for a recurrent one "50x2 - gru16 - 1:identity".
    /// </summary>
    public string Topology => IsDense ? DescribeSizes(Layers) : TopologyText.Describe(InputShape, Infos);

    /// <summary>"per-neuron" or "shared".</summary>
    public string BiasText => BiasName(SharedBias);

    /// <summary>"4-8:tanh-3:softmax, per-neuron biases, double".</summary>
    public string Description => $"{Topology}, {BiasText} biases, {PrecisionName(ScalarSize)}";

    /// <summary>
    /// <see cref="Description"/> with the layers as flattened sizes, as the binary header records them; for
    /// a dense network the two are the same.
    /// </summary>
    public string SizesDescription => $"{DescribeSizes(Layers)}, {BiasText} biases, {PrecisionName(ScalarSize)}";

    public static NetworkLayout Of<TNet, T>()
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int scalarSize = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (scalarSize is not (4 or 8))
        {
            throw new NotSupportedException($"NetGen networks use float or double, not {typeof(T).Name}.");
        }
        LayerInfo[] infos = TNet.Layers.ToArray();
        int[] inputShape = TNet.InputShape.ToArray();
        string[] names = TNet.ParameterNames.ToArray();
        if (infos.Length == 0 || inputShape.Length is < 1 or > 3)
        {
            throw Inconsistent<TNet>($"reports {infos.Length} layers and an input of {inputShape.Length} dimensions");
        }
        var layers = new LayerLayout[infos.Length];
        int offset = 0, inputSize = Product(inputShape);
        bool shared = false;
        for (int l = 0; l < infos.Length; l++)
        {
            LayerInfo info = infos[l];
            if (info.InputSize != inputSize || info.ParameterOffset != offset)
            {
                throw Inconsistent<TNet>($"says layer {l + 1} reads {info.InputSize} values from parameter {info.ParameterOffset}; the layers before it give {inputSize} values and end at parameter {offset}");
            }
            (int fanIn, int fanOut) = Fans(info);
            shared |= info.BiasCount != PerUnitBiases(info);
            layers[l] = new LayerLayout(info.Kind, info.InputSize, info.OutputSize, fanIn, fanOut, info.Activation,
                offset, offset + info.WeightCount, info.BiasCount);
            offset += info.WeightCount + info.BiasCount;
            inputSize = info.OutputSize;
        }
        if (offset != TNet.ParameterCount || names.Length != offset || inputSize != TNet.OutputCount || Product(inputShape) != TNet.InputCount)
        {
            throw Inconsistent<TNet>($"has layers of {offset} parameters giving {inputSize} outputs from {Product(inputShape)} inputs, but reports {TNet.ParameterCount} parameters ({names.Length} names), {TNet.OutputCount} outputs and {TNet.InputCount} inputs");
        }
        return new NetworkLayout(infos, inputShape, layers, shared, scalarSize, names);
    }

    /// <summary>
    /// PyTorch's <c>_calculate_fan_in_and_fan_out</c>: a dense layer's inputs and units; a convolution's
    /// channels x kernel taps and filters x kernel taps; a per-step dense layer's features and units per step;
    /// a recurrent layer's features and hidden units (one gate's block of <c>weight_ih</c>; its <c>weight_hh</c>
    /// blocks are drawn orthogonal, without fans); 0 for layers without weights.
    /// </summary>
    private static (int FanIn, int FanOut) Fans(LayerInfo info) => info.Kind switch
    {
        LayerKind.Dense => (info.InputSize, info.OutputSize),
        LayerKind.Convolution => (info.FanIn, info.OutputShape[0] * Product(info.Kernel.AsSpan())),
        LayerKind.PerStepDense or LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm => (info.FanIn, info.HiddenSize),
        _ => (0, 0),
    };

    /// <summary>
    /// The biases a layer has when each unit has its own: a dense layer's units, a convolution's filters, a per-step
    /// dense layer's units per step; a recurrent layer always has PyTorch's two per gate row (bias_ih, bias_hh).
    /// </summary>
    private static int PerUnitBiases(LayerInfo info) => info.Kind switch
    {
        LayerKind.Dense => info.OutputSize,
        LayerKind.Convolution => info.OutputShape[0],
        LayerKind.PerStepDense => info.HiddenSize,
        LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm => info.BiasCount,
        _ => 0,
    };

    private static InvalidOperationException Inconsistent<TNet>(string detail) =>
        new($"{typeof(TNet).Name} {detail}; its Layers, InputShape and parameter members must describe one network.");

    private static int Product(ReadOnlySpan<int> values)
    {
        int product = 1;
        foreach (int v in values)
        {
            product *= v;
        }
        return product;
    }

    /// <summary>"4-8:tanh-3:softmax": flattened layer sizes, each layer after the input with its activation.</summary>
    public static string DescribeSizes(LayerLayout[] layers)
    {
        var text = new StringBuilder();
        text.Append(TopologyText.Number(layers[0].InputSize));
        foreach (LayerLayout layer in layers)
        {
            text.Append('-').Append(TopologyText.Number(layer.OutputSize)).Append(':').Append(ActivationName(layer.Activation));
        }
        return text.ToString();
    }

    public static string BiasName(bool shared) => shared ? "shared" : "per-neuron";

    public static string ActivationName(Activation activation) => activation.ToString().ToLowerInvariant();

    public static string PrecisionName(int scalarSize) => scalarSize == 4 ? "float" : scalarSize == 8 ? "double" : $"{scalarSize}-byte";

    private ulong ComputeFingerprint()
    {
        ulong hash = 0xCBF29CE484222325UL;
        void Add(int value)
        {
            for (int b = 0; b < 4; b++)
            {
                hash = (hash ^ (byte)(value >> (8 * b))) * 0x100000001B3UL;
            }
        }
        void AddAll(ReadOnlySpan<int> values)
        {
            Add(values.Length);
            foreach (int value in values)
            {
                Add(value);
            }
        }
        Add(ScalarSize);
        Add(Layers.Length);
        Add(Layers[0].InputSize);
        foreach (LayerLayout layer in Layers)
        {
            Add(layer.OutputSize);
            Add((int)layer.Activation);
        }
        foreach (string name in Names)
        {
            foreach (byte b in Encoding.UTF8.GetBytes(name))
            {
                hash = (hash ^ b) * 0x100000001B3UL;
            }
            hash *= 0x100000001B3UL; // a separator, so that "ab","c" and "a","bc" differ
        }
        if (!IsDense)
        {
            // After the names, so that dense fingerprints stay as they were.
            AddAll(InputShape);
            foreach (LayerInfo info in Infos)
            {
                Add((int)info.Kind);
                AddAll(info.InputShape.AsSpan());
                AddAll(info.OutputShape.AsSpan());
                AddAll(info.Kernel.AsSpan());
                AddAll(info.Stride.AsSpan());
                AddAll(info.Dilation.AsSpan());
                AddAll(info.Pads.AsSpan());
                Add(info.WeightCount);
                Add(info.BiasCount);
            }
        }
        return hash;
    }
}

/// <summary>One layer's place in the parameter vector; for a dense layer the fans are its input and output sizes.</summary>
internal readonly record struct LayerLayout(LayerKind Kind, int InputSize, int OutputSize, int FanIn, int FanOut, Activation Activation,
    int WeightOffset, int BiasOffset, int BiasCount)
{
    public int WeightCount => BiasOffset - WeightOffset;
}
