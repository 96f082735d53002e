using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The one place that decides every name and parameter index of a network. Naming rule (documented in
/// the README): inputs i1..in; outputs o1..on; with one hidden layer its units are h1..hn (the worked
/// example's names); with several, unit j of hidden layer k is h{k}_{j}. Weights are w_{to}_{from},
/// biases b_{unit} (per neuron) or b_{layer} (shared: b_h, b_h2, b_o).
/// </summary>
internal sealed class NetworkPlan
{
    public NetworkPlan(NetworkSpec spec)
    {
        Spec = spec;
        int[] inputShape = spec.InputDimensions;
        Inputs = inputShape.Length == 1 ? Names(spec.InputCount, j => "i" + Number(j)) : FeatureMapNames("i", inputShape);
        // The worked example's names (h1..hn) when the only hidden layer is dense; h{k}_{j} otherwise.
        bool singleHidden = spec.Layers.Count == 2 && !spec.Layers[0].IsSpatial;
        var layers = new List<PlannedLayer>();
        IReadOnlyList<string> sources = Inputs;
        string sourcePrefix = "i";
        int offset = 0;
        for (int k = 0; k < spec.Layers.Count; k++)
        {
            LayerSpec layerSpec = spec.Layers[k];
            bool isOutput = k == spec.Layers.Count - 1;
            string layerName = layerSpec.Kind switch
            {
                LayerKind.Convolution => "c" + Number(k + 1),
                LayerKind.MaxPool or LayerKind.AveragePool => "p" + Number(k + 1),
                LayerKind.GlobalAveragePool => "g" + Number(k + 1),
                _ when isOutput => "o",
                _ => singleHidden ? "h" : "h" + Number(k + 1),
            };
            string unitPrefix = layerSpec.IsSpatial || (!isOutput && !singleHidden) ? layerName + "_" : layerName;
            int[] layerInput = SpatialShapes.InputOf(spec, k);
            IReadOnlyList<string> units = layerSpec.Kind switch
            {
                LayerKind.Dense => Names(layerSpec.Width, j => unitPrefix + Number(j)),
                LayerKind.GlobalAveragePool => Names(layerSpec.Width, j => unitPrefix + Number(j)),
                _ => FeatureMapNames(unitPrefix, layerSpec.OutputShape.AsSpan().ToArray()),
            };
            var layer = new PlannedLayer(
                number: k + 1, name: layerName, unitPrefix: unitPrefix, spec: layerSpec, isOutput: isOutput, units: units,
                sources: sources, sourcePrefix: sourcePrefix, inputShape: layerInput, weightOffset: offset,
                sharedBias: spec.Bias == BiasKind.SharedPerLayer, biasTrainable: spec.TrainBiases);
            layers.Add(layer);
            offset = layer.End;
            sources = units;
            sourcePrefix = unitPrefix;
        }
        Layers = layers;
        ParameterCount = offset;
    }

    public NetworkSpec Spec { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<PlannedLayer> Layers { get; }

    public PlannedLayer Output => Layers[Layers.Count - 1];

    public int ParameterCount { get; }

    /// <summary>
    /// Every parameter in parameter order (PyTorch nn.Linear order: each layer's weights [unit, source], then its
    /// biases). Built on first use: a loop-style network of millions of parameters never asks for it.
    /// </summary>
    public IReadOnlyList<PlannedParameter> Parameters => _parameters ??= Collect(all: true);

    /// <summary>The parameters training changes, in parameter order.</summary>
    public IReadOnlyList<PlannedParameter> TrainableParameters => _trainable ??= Collect(all: false);

    private IReadOnlyList<PlannedParameter>? _parameters;
    private IReadOnlyList<PlannedParameter>? _trainable;

    private List<PlannedParameter> Collect(bool all)
    {
        var list = new List<PlannedParameter>();
        foreach (PlannedLayer layer in Layers)
        {
            foreach (PlannedParameter parameter in layer.Parameters)
            {
                if (all || parameter.IsTrainable)
                {
                    list.Add(parameter);
                }
            }
        }
        return list;
    }

    /// <summary>
    /// The multiply-adds of one forward pass: a dense layer's weights; a convolution's outputs x fan-in (a kernel
    /// weight is used at every position); a pool's outputs x window (global pooling: its inputs). The size of unrolled code grows with this,
    /// not with the weights, once weights are shared.
    /// </summary>
    public long MultiplyAdds
    {
        get
        {
            long count = 0;
            foreach (PlannedLayer layer in Layers)
            {
                count += layer.Kind switch
                {
                    LayerKind.Dense => layer.WeightCount,
                    LayerKind.Convolution => (long)layer.Units.Count * layer.FanIn,
                    _ => (long)layer.Units.Count * layer.KernelTaps,
                };
            }
            return count;
        }
    }

    public int WeightCount
    {
        get
        {
            int count = 0;
            foreach (PlannedLayer layer in Layers)
            {
                count += layer.WeightCount;
            }
            return count;
        }
    }

    /// <summary>
    /// Names of a feature map's values in row-major order: channel, then each position, all from 1, after
    /// the prefix (<c>i1_3_4</c> is channel 1, row 3, column 4 of the input; <c>c1_2_5</c> filter 2 at position 5).
    /// </summary>
    private static IReadOnlyList<string> FeatureMapNames(string prefix, int[] shape)
    {
        int count = 1;
        foreach (int d in shape)
        {
            count *= d;
        }
        var names = new string[count];
        var index = new int[shape.Length];
        var text = new System.Text.StringBuilder();
        for (int n = 0; n < count; n++)
        {
            text.Clear().Append(prefix);
            for (int d = 0; d < shape.Length; d++)
            {
                if (d > 0)
                {
                    text.Append('_');
                }
                text.Append(Number(index[d] + 1));
            }
            names[n] = text.ToString();
            for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }
        return names;
    }

    internal static string Number(int oneBased) => oneBased.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Names(int count, System.Func<int, string> name)
    {
        var names = new string[count];
        for (int j = 0; j < count; j++)
        {
            names[j] = name(j + 1);
        }
        return names;
    }
}

/// <summary>
/// One layer with its units, the units that feed it, and where its parameters live. A spatial layer's units
/// and sources are its output and input feature maps flattened row-major ([channel, positions...]), which is
/// also how a dense layer after it reads them (PyTorch's Flatten).
/// </summary>
internal sealed class PlannedLayer
{
    public PlannedLayer(int number, string name, string unitPrefix, LayerSpec spec, bool isOutput, IReadOnlyList<string> units,
        IReadOnlyList<string> sources, string sourcePrefix, int[] inputShape, int weightOffset, bool sharedBias, bool biasTrainable)
    {
        Spec = spec;
        InputShape = inputShape;
        OutputShape = spec.IsSpatial ? spec.OutputShape.AsSpan().ToArray() : new[] { spec.Width };
        Number = number;
        Name = name;
        UnitPrefix = unitPrefix;
        SourcePrefix = sourcePrefix;
        Activation = spec.Activation;
        IsOutput = isOutput;
        Units = units;
        Sources = sources;
        WeightOffset = weightOffset;
        SharedBias = sharedBias;
        BiasTrainable = biasTrainable;
    }

    /// <summary>The declared layer: kind, shapes and window.</summary>
    public LayerSpec Spec { get; }

    public LayerKind Kind => Spec.Kind;

    /// <summary>The shape this layer reads: <c>[values]</c> or <c>[channels, positions...]</c>.</summary>
    public int[] InputShape { get; }

    /// <summary>The shape this layer writes: <c>[units]</c> for dense, <c>[channels, positions...]</c> for spatial layers.</summary>
    public int[] OutputShape { get; }

    /// <summary>Whether the layer has weights and biases (dense and convolution; pooling has none).</summary>
    public bool HasParameters => Kind is LayerKind.Dense or LayerKind.Convolution;

    /// <summary>Kernel taps per input channel of a convolution (the product of its kernel sizes).</summary>
    public int KernelTaps
    {
        get
        {
            int taps = 1;
            foreach (int k in Spec.Kernel)
            {
                taps *= k;
            }
            return taps;
        }
    }

    /// <summary>1 for the layer fed by the inputs.</summary>
    public int Number { get; }

    /// <summary>"h", "h2" or "o": used in comments and shared-bias names.</summary>
    public string Name { get; }

    /// <summary>A unit's name without its number: "h", "h2_" or "o" (unit j is prefix + j).</summary>
    public string UnitPrefix { get; }

    /// <summary>Whether this layer reads the network's inputs (the first layer) rather than another layer's outputs.</summary>
    public bool SourceIsInput => Number == 1;

    /// <summary>The prefix of the units this layer reads: "i" for the inputs, else the previous layer's <see cref="UnitPrefix"/>.</summary>
    public string SourcePrefix { get; }

    public ActivationKind Activation { get; }

    public bool IsOutput { get; }

    public IReadOnlyList<string> Units { get; }

    public IReadOnlyList<string> Sources { get; }

    /// <summary>Values feeding one unit: all sources for dense, channels x kernel taps for a convolution, 0 for pooling.</summary>
    public int FanIn => Kind switch
    {
        LayerKind.Dense => Sources.Count,
        LayerKind.Convolution => InputShape[0] * KernelTaps,
        _ => 0,
    };

    public int WeightOffset { get; }

    public int WeightCount => Kind switch
    {
        LayerKind.Dense => Units.Count * Sources.Count,
        LayerKind.Convolution => Spec.Filters * FanIn,
        _ => 0,
    };

    public int BiasOffset => WeightOffset + WeightCount;

    public bool SharedBias { get; }

    public bool BiasTrainable { get; }

    public int BiasCount => !HasParameters ? 0 : SharedBias ? 1 : Kind == LayerKind.Convolution ? Spec.Filters : Units.Count;

    /// <summary>One past this layer's last parameter.</summary>
    public int End => BiasOffset + BiasCount;

    /// <summary>PyTorch nn.Linear order: weight [unit, source] row-major.</summary>
    public int WeightIndex(int unit, int source) => WeightOffset + unit * Sources.Count + source;


    public string WeightName(int unit, int source) => "w_" + Units[unit] + "_" + Sources[source];

    /// <summary>The name of bias number <paramref name="bias"/> (0 when shared): b_h1, b_h; a convolution's per filter, b_c1_2.</summary>
    public string BiasName(int bias) => SharedBias ? "b_" + Name
        : Kind == LayerKind.Convolution ? "b_" + UnitPrefix + NetworkPlan.Number(bias + 1)
        : "b_" + Units[bias];

    /// <summary>
    /// A convolution's weight from input channel <paramref name="channel"/> at kernel tap <paramref name="tap"/>
    /// (row-major over the kernel) to filter <paramref name="filter"/>, all from 0: PyTorch's
    /// <c>weight[filter, channel, ky, kx]</c>, named w_c1_{filter}_{channel}_{ky}_{kx} from 1.
    /// </summary>
    public PlannedParameter ConvWeight(int filter, int channel, int tap) => Parameters[(filter * InputShape[0] + channel) * KernelTaps + tap];

    /// <summary>The indices (from 0) of a convolution's weight number <paramref name="n"/> of the layer: filter, channel, then each kernel tap coordinate.</summary>
    public int[] ConvWeightIndices(int n)
    {
        int[] extents = new[] { Spec.Filters, InputShape[0] }.Concat(Spec.Kernel).ToArray();
        var indices = new int[extents.Length];
        for (int d = extents.Length - 1; d >= 0; d--)
        {
            indices[d] = n % extents[d];
            n /= extents[d];
        }
        return indices;
    }

    /// <summary>The bias of a convolution's filter (the layer's one bias when shared).</summary>
    public PlannedParameter FilterBias(int filter) => Parameters[WeightCount + (SharedBias ? 0 : filter)];

    /// <summary>This layer's weights in parameter order, then its biases; built on first use.</summary>
    public IReadOnlyList<PlannedParameter> Parameters => _parameters ??= CreateParameters();

    private IReadOnlyList<PlannedParameter>? _parameters;

    private List<PlannedParameter> CreateParameters()
    {
        var parameters = new List<PlannedParameter>(End - WeightOffset);
        if (Kind == LayerKind.Convolution)
        {
            for (int n = 0; n < WeightCount; n++)
            {
                // weight[filter, channel, taps...] row-major; its name spells each index from 1.
                string name = "w_" + UnitPrefix + string.Join("_", ConvWeightIndices(n).Select(i => NetworkPlan.Number(i + 1)));
                parameters.Add(new PlannedParameter(name, WeightOffset + n, IsTrainable: true, Layer: Number));
            }
            for (int b = 0; b < BiasCount; b++)
            {
                parameters.Add(new PlannedParameter(BiasName(b), BiasOffset + b, BiasTrainable, Layer: Number));
            }
            return parameters;
        }
        for (int j = 0; j < Units.Count && Kind == LayerKind.Dense; j++)
        {
            for (int i = 0; i < Sources.Count; i++)
            {
                parameters.Add(new PlannedParameter(WeightName(j, i), WeightIndex(j, i), IsTrainable: true, Layer: Number));
            }
        }
        for (int b = 0; b < BiasCount; b++)
        {
            parameters.Add(new PlannedParameter(BiasName(b), BiasOffset + b, BiasTrainable, Layer: Number));
        }
        return parameters;
    }

    public PlannedParameter Weight(int unit, int source) => Parameters[unit * Sources.Count + source];

    public PlannedParameter BiasOfUnit(int unit) => Parameters[WeightCount + (SharedBias ? 0 : unit)];
}

/// <summary>One parameter: its name in the generated code, its index in the flat parameter vector, whether training changes it, and its layer (from 1).</summary>
internal sealed record PlannedParameter(string Name, int Index, bool IsTrainable, int Layer);
