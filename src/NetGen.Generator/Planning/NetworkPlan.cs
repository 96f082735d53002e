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
        Inputs = inputShape.Length == 1 ? Names(spec.InputCount, j => "i" + Number(j))
            : spec.Layers[0].IsRecurrent ? SequenceNames("i", inputShape[0], inputShape[1])
            : FeatureMapNames("i", inputShape);
        // The worked example's names (h1..hn) when the only hidden layer is dense; h{k}_{j} otherwise.
        bool singleHidden = spec.Layers.Count == 2 && spec.Layers[0].Kind == LayerKind.Dense;
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
                LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm or LayerKind.PerStepDense => "h" + Number(k + 1),
                _ => singleHidden ? "h" : "h" + Number(k + 1),
            };
            string unitPrefix = layerSpec.IsSpatial || layerSpec.IsRecurrent || layerSpec.Kind == LayerKind.PerStepDense || (!isOutput && !singleHidden)
                ? layerName + "_" : layerName;
            int[] layerInput = SpatialShapes.InputOf(spec, k);
            IReadOnlyList<string> units = layerSpec.Kind switch
            {
                LayerKind.Dense => Names(layerSpec.Width, j => unitPrefix + Number(j)),
                LayerKind.PerStepDense => SequenceNames(layerName, layerInput[0], layerSpec.Hidden),
                LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm => layerSpec.ReturnsSequence
                    ? SequenceNames(layerName, layerInput[0], layerSpec.Hidden)
                    : Names(layerSpec.Hidden, j => StepName(layerName, layerInput[0], j)),
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
                    LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm or LayerKind.PerStepDense => (long)layer.Steps * layer.WeightCount,
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

    /// <summary>
    /// Names of a sequence's values in row-major order <c>[time, unit]</c>: <c>{layer}_t{step}_{unit}</c>, both from 1
    /// (<c>i_t3_2</c> is input feature 2 at step 3; <c>h1_t3_2</c> unit 2 of recurrent layer 1 after step 3).
    /// </summary>
    private static IReadOnlyList<string> SequenceNames(string layer, int steps, int units)
    {
        var names = new string[steps * units];
        for (int t = 0; t < steps; t++)
        {
            for (int j = 0; j < units; j++)
            {
                names[t * units + j] = StepName(layer, t + 1, j + 1);
            }
        }
        return names;
    }

    /// <summary><c>h1_t3_2</c>: unit <paramref name="unit"/> (from 1) of <paramref name="layer"/> at step <paramref name="step"/> (from 1).</summary>
    internal static string StepName(string layer, int step, int unit) => layer + "_t" + Number(step) + "_" + Number(unit);

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
        OutputShape = spec.OutputShape.Count > 0 ? spec.OutputShape.AsSpan().ToArray() : new[] { spec.Width };
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

    /// <summary>Whether the layer has weights and biases (dense, convolution, recurrent, per-step dense; pooling has none).</summary>
    public bool HasParameters => Kind is LayerKind.Dense or LayerKind.Convolution or LayerKind.PerStepDense || Spec.IsRecurrent;

    /// <summary>SimpleRNN, GRU or LSTM.</summary>
    public bool IsRecurrent => Spec.IsRecurrent;

    /// <summary>A recurrent or per-step dense layer: it runs once per time step with the same parameters.</summary>
    public bool IsPerStep => Spec.IsRecurrent || Kind == LayerKind.PerStepDense;

    /// <summary>Time steps of a recurrent or per-step dense layer (its input's first dimension).</summary>
    public int Steps => InputShape[0];

    /// <summary>Values read per step by a recurrent or per-step dense layer (its input's second dimension).</summary>
    public int Features => InputShape[1];

    /// <summary>Hidden units of a recurrent layer; units per step of a per-step dense one.</summary>
    public int Hidden => Spec.Hidden;

    /// <summary>
    /// The gates of a recurrent layer in PyTorch's row order, each a letter of its names: SimpleRNN "h" (no gate,
    /// the state itself), GRU "r", "z", "n", LSTM "i", "f", "g", "o".
    /// </summary>
    public IReadOnlyList<string> Gates => Kind switch
    {
        LayerKind.Gru => GruGates,
        LayerKind.Lstm => LstmGates,
        _ => RnnGates,
    };

    private static readonly string[] RnnGates = { "h" };
    private static readonly string[] GruGates = { "r", "z", "n" };
    private static readonly string[] LstmGates = { "i", "f", "g", "o" };

    /// <summary>
    /// A recurrent layer's state or gate value at a step, all from 1: <c>h1_t3_2</c> (hidden unit 2 of layer 1
    /// after step 3), <c>r1_t3_2</c> (GRU reset gate), <c>c1_t3_2</c> (LSTM cell). <paramref name="letter"/> is "h",
    /// "c" or a gate of <see cref="Gates"/>. Per-step dense and every sequence use the same rule (<see cref="Units"/>).
    /// </summary>
    public string StateName(string letter, int step, int unit) => NetworkPlan.StepName(letter + NetworkPlan.Number(Number), step, unit);

    /// <summary>
    /// The time-free name of value <paramref name="feature"/> (from 0) of each step this layer reads, as its weights
    /// name it: <c>i3</c> (input feature 3) or <c>h1_3</c> (unit 3 of layer 1).
    /// </summary>
    public string StepSourceName(int feature) => (SourceIsInput ? "i" : SourcePrefix) + NetworkPlan.Number(feature + 1);

    /// <summary>The time-free name of unit <paramref name="unit"/> (from 0) of a per-step layer: <c>h2_1</c>, or <c>o1</c> for the output.</summary>
    public string StepUnitName(int unit) => (IsOutput ? "o" : UnitPrefix) + NetworkPlan.Number(unit + 1);

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
        LayerKind.PerStepDense or LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm => Features,
        _ => 0,
    };

    public int WeightOffset { get; }

    public int WeightCount => Kind switch
    {
        LayerKind.Dense => Units.Count * Sources.Count,
        LayerKind.Convolution => Spec.Filters * FanIn,
        LayerKind.PerStepDense => Hidden * Features,
        LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm => (int)RecurrentShapes.Weights(Spec, Features),
        _ => 0,
    };

    public int BiasOffset => WeightOffset + WeightCount;

    public bool SharedBias { get; }

    public bool BiasTrainable { get; }

    /// <summary>
    /// One per unit or filter, or one when shared; a recurrent layer always has PyTorch's two per-unit vectors
    /// (<c>bias_ih</c>, <c>bias_hh</c>: gates x hidden each), whatever <see cref="SharedBias"/> says.
    /// </summary>
    public int BiasCount => !HasParameters ? 0
        : IsRecurrent ? (int)RecurrentShapes.Biases(Spec)
        : SharedBias ? 1
        : Kind == LayerKind.Convolution ? Spec.Filters
        : Kind == LayerKind.PerStepDense ? Hidden
        : Units.Count;

    /// <summary>One past this layer's last parameter.</summary>
    public int End => BiasOffset + BiasCount;

    /// <summary>PyTorch nn.Linear order: weight [unit, source] row-major.</summary>
    public int WeightIndex(int unit, int source) => WeightOffset + unit * Sources.Count + source;


    public string WeightName(int unit, int source) => "w_" + Units[unit] + "_" + Sources[source];

    /// <summary>
    /// The name of bias number <paramref name="bias"/> (0 when shared): b_h1, b_h; a convolution's per filter, b_c1_2;
    /// a per-step dense unit's b_o1 or b_h2_1; a recurrent layer's PyTorch b_ir / b_hr per unit: b_ir1_2, b_hr1_2.
    /// </summary>
    public string BiasName(int bias)
    {
        if (IsRecurrent)
        {
            int perVector = Gates.Count * Hidden;
            string vector = bias < perVector ? "i" : "h";
            int row = bias % perVector;
            return "b_" + vector + Gates[row / Hidden] + NetworkPlan.Number(Number) + "_" + NetworkPlan.Number(row % Hidden + 1);
        }
        return SharedBias ? "b_" + Name
            : Kind == LayerKind.Convolution ? "b_" + UnitPrefix + NetworkPlan.Number(bias + 1)
            : Kind == LayerKind.PerStepDense ? "b_" + StepUnitName(bias)
            : "b_" + Units[bias];
    }

    /// <summary>
    /// A recurrent layer's input weight <c>weight_ih[gate * hidden + unit, feature]</c>, all from 0: gate
    /// <paramref name="gate"/> of <see cref="Gates"/>, named <c>w_r1_2_i3</c> (reset gate of layer 1, unit 2, from input 3).
    /// </summary>
    public PlannedParameter InputWeight(int gate, int unit, int feature) => Parameters[(gate * Hidden + unit) * Features + feature];

    /// <summary>
    /// A recurrent layer's recurrent weight <c>weight_hh[gate * hidden + unit, from]</c>, all from 0: named
    /// <c>w_r1_2_h1_4</c> (reset gate of layer 1, unit 2, from the previous step's unit 4).
    /// </summary>
    public PlannedParameter RecurrentWeight(int gate, int unit, int from) =>
        Parameters[Gates.Count * Hidden * Features + (gate * Hidden + unit) * Hidden + from];

    /// <summary>A recurrent layer's <c>bias_ih[gate * hidden + unit]</c>, named <c>b_ir1_2</c>.</summary>
    public PlannedParameter InputBias(int gate, int unit) => Parameters[WeightCount + gate * Hidden + unit];

    /// <summary>A recurrent layer's <c>bias_hh[gate * hidden + unit]</c>, named <c>b_hr1_2</c>.</summary>
    public PlannedParameter RecurrentBias(int gate, int unit) => Parameters[WeightCount + (Gates.Count + gate) * Hidden + unit];

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
        if (IsRecurrent)
        {
            // PyTorch's order: weight_ih [gates x hidden, features], weight_hh [gates x hidden, hidden], bias_ih, bias_hh.
            string layer = NetworkPlan.Number(Number);
            for (int row = 0; row < Gates.Count * Hidden; row++)
            {
                for (int f = 0; f < Features; f++)
                {
                    parameters.Add(new PlannedParameter("w_" + Gates[row / Hidden] + layer + "_" + NetworkPlan.Number(row % Hidden + 1) + "_" + StepSourceName(f),
                        WeightOffset + parameters.Count, IsTrainable: true, Layer: Number));
                }
            }
            for (int row = 0; row < Gates.Count * Hidden; row++)
            {
                for (int m = 0; m < Hidden; m++)
                {
                    parameters.Add(new PlannedParameter("w_" + Gates[row / Hidden] + layer + "_" + NetworkPlan.Number(row % Hidden + 1) + "_h" + layer + "_" + NetworkPlan.Number(m + 1),
                        WeightOffset + parameters.Count, IsTrainable: true, Layer: Number));
                }
            }
            for (int b = 0; b < BiasCount; b++)
            {
                parameters.Add(new PlannedParameter(BiasName(b), BiasOffset + b, BiasTrainable, Layer: Number));
            }
            return parameters;
        }
        if (Kind == LayerKind.PerStepDense)
        {
            // nn.Linear's weight [units, inputs], shared by every step; named without a step: w_o1_h1_3.
            for (int j = 0; j < Hidden; j++)
            {
                for (int f = 0; f < Features; f++)
                {
                    parameters.Add(new PlannedParameter("w_" + StepUnitName(j) + "_" + StepSourceName(f), WeightOffset + j * Features + f, IsTrainable: true, Layer: Number));
                }
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

    /// <summary>A dense layer's weight from source to unit; a per-step dense layer's from step value <paramref name="source"/> to step unit <paramref name="unit"/> (all from 0).</summary>
    public PlannedParameter Weight(int unit, int source) => Parameters[unit * (Kind == LayerKind.PerStepDense ? Features : Sources.Count) + source];

    /// <summary>The bias of a unit (a per-step dense layer's unit within a step), the layer's one bias when shared.</summary>
    public PlannedParameter BiasOfUnit(int unit) => Parameters[WeightCount + (SharedBias ? 0 : unit)];
}

/// <summary>One parameter: its name in the generated code, its index in the flat parameter vector, whether training changes it, and its layer (from 1).</summary>
internal sealed record PlannedParameter(string Name, int Index, bool IsTrainable, int Layer);
