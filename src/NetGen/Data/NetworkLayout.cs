using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace NetGen;

/// <summary>
/// Where each layer's weights and biases sit in a network's parameter vector, worked out from the
/// contract's static members alone (layer sizes, activations, parameter count and names).
/// </summary>
internal sealed class NetworkLayout
{
    private NetworkLayout(LayerLayout[] layers, bool sharedBias, int scalarSize, string[] names)
    {
        Layers = layers;
        SharedBias = sharedBias;
        ScalarSize = scalarSize;
        Names = names;
        Fingerprint = ComputeFingerprint();
    }

    public LayerLayout[] Layers { get; }

    /// <summary>One bias per layer rather than one per unit.</summary>
    public bool SharedBias { get; }

    /// <summary>4 for float, 8 for double.</summary>
    public int ScalarSize { get; }

    public string[] Names { get; }

    public int ParameterCount => Names.Length;

    /// <summary>
    /// FNV-1a 64 over everything that gives the parameters their meaning: precision, layer sizes,
    /// activations and every parameter name in order (names encode the bias mode).
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>"4-8:tanh-3:softmax": layer widths, each layer after the input with its activation.</summary>
    public string Topology => DescribeTopology(Layers);

    /// <summary>"per-neuron" or "shared".</summary>
    public string BiasText => BiasName(SharedBias);

    /// <summary>"4-8:tanh-3:softmax, per-neuron biases, double".</summary>
    public string Description => $"{Topology}, {BiasText} biases, {PrecisionName(ScalarSize)}";

    public static NetworkLayout Of<TNet, T>()
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int scalarSize = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (scalarSize is not (4 or 8))
        {
            throw new NotSupportedException($"NetGen networks use float or double, not {typeof(T).Name}.");
        }
        ReadOnlySpan<int> sizes = TNet.LayerSizes;
        ReadOnlySpan<Activation> activations = TNet.LayerActivations;
        if (sizes.Length < 2 || activations.Length != sizes.Length - 1)
        {
            throw new InvalidOperationException(
                $"{typeof(TNet).Name} reports {sizes.Length} layer sizes and {activations.Length} activations; expected one activation per layer after the input.");
        }
        int weights = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            weights += sizes[l - 1] * sizes[l];
        }
        int biases = TNet.ParameterCount - weights;
        int units = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            units += sizes[l];
        }
        // Per-unit biases add one parameter per unit, shared ones one per layer. (When every layer has a
        // single unit the two layouts coincide and the names tell them apart in the fingerprint.)
        bool shared = biases != units;
        if (biases != units && biases != sizes.Length - 1)
        {
            throw new InvalidOperationException(
                $"{typeof(TNet).Name} has {TNet.ParameterCount} parameters, which fits neither one bias per unit nor one per layer.");
        }
        var layers = new LayerLayout[sizes.Length - 1];
        int offset = 0;
        for (int l = 0; l < layers.Length; l++)
        {
            int fanIn = sizes[l], fanOut = sizes[l + 1];
            int biasCount = shared ? 1 : fanOut;
            layers[l] = new LayerLayout(fanIn, fanOut, activations[l], offset, offset + fanIn * fanOut, biasCount);
            offset += fanIn * fanOut + biasCount;
        }
        return new NetworkLayout(layers, shared, scalarSize, TNet.ParameterNames.ToArray());
    }

    public static string DescribeTopology(LayerLayout[] layers)
    {
        var text = new StringBuilder();
        text.Append(layers[0].FanIn.ToString(CultureInfo.InvariantCulture));
        foreach (LayerLayout layer in layers)
        {
            text.Append('-').Append(layer.FanOut.ToString(CultureInfo.InvariantCulture)).Append(':').Append(ActivationName(layer.Activation));
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
        Add(ScalarSize);
        Add(Layers.Length);
        Add(Layers[0].FanIn);
        foreach (LayerLayout layer in Layers)
        {
            Add(layer.FanOut);
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
        return hash;
    }
}

/// <summary>One layer's place in the parameter vector.</summary>
internal readonly record struct LayerLayout(int FanIn, int FanOut, Activation Activation, int WeightOffset, int BiasOffset, int BiasCount)
{
    public int WeightCount => FanIn * FanOut;
}
