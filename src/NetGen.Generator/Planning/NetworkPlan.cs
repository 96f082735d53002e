using System.Collections.Generic;
using System.Globalization;
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
        Inputs = Names(spec.InputCount, j => "i" + Number(j));
        int hiddenCount = spec.Layers.Count - 1;
        var layers = new List<PlannedLayer>();
        IReadOnlyList<string> sources = Inputs;
        string sourcePrefix = "i";
        int offset = 0;
        for (int k = 0; k < spec.Layers.Count; k++)
        {
            LayerSpec layerSpec = spec.Layers[k];
            bool isOutput = k == spec.Layers.Count - 1;
            string layerName = isOutput ? "o" : hiddenCount == 1 ? "h" : "h" + Number(k + 1);
            string unitPrefix = isOutput ? "o" : hiddenCount == 1 ? "h" : "h" + Number(k + 1) + "_";
            var units = Names(layerSpec.Width, j => unitPrefix + Number(j));
            var layer = new PlannedLayer(
                number: k + 1, name: layerName, unitPrefix: unitPrefix, spec: layerSpec, isOutput: isOutput, units: units,
                sources: sources, sourcePrefix: sourcePrefix, weightOffset: offset,
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

    private static string Number(int oneBased) => oneBased.ToString(CultureInfo.InvariantCulture);

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

/// <summary>One layer of weights with its units, the units that feed it, and where its parameters live.</summary>
internal sealed class PlannedLayer
{
    public PlannedLayer(int number, string name, string unitPrefix, LayerSpec spec, bool isOutput, IReadOnlyList<string> units,
        IReadOnlyList<string> sources, string sourcePrefix, int weightOffset, bool sharedBias, bool biasTrainable)
    {
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

    public int FanIn => Sources.Count;

    public int WeightOffset { get; }

    public int WeightCount => Units.Count * Sources.Count;

    public int BiasOffset => WeightOffset + WeightCount;

    public bool SharedBias { get; }

    public bool BiasTrainable { get; }

    public int BiasCount => SharedBias ? 1 : Units.Count;

    /// <summary>One past this layer's last parameter.</summary>
    public int End => BiasOffset + BiasCount;

    /// <summary>PyTorch nn.Linear order: weight [unit, source] row-major.</summary>
    public int WeightIndex(int unit, int source) => WeightOffset + unit * Sources.Count + source;


    public string WeightName(int unit, int source) => "w_" + Units[unit] + "_" + Sources[source];

    /// <summary>The name of bias number <paramref name="bias"/> (0 when shared).</summary>
    public string BiasName(int bias) => SharedBias ? "b_" + Name : "b_" + Units[bias];

    /// <summary>This layer's weights in parameter order, then its biases; built on first use.</summary>
    public IReadOnlyList<PlannedParameter> Parameters => _parameters ??= CreateParameters();

    private IReadOnlyList<PlannedParameter>? _parameters;

    private List<PlannedParameter> CreateParameters()
    {
        var parameters = new List<PlannedParameter>(End - WeightOffset);
        for (int j = 0; j < Units.Count; j++)
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
