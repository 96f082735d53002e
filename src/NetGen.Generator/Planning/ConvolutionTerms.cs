using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The terms of a convolution: each filter's weighted sum at every output position over every input
/// channel under its kernel, then the activation; coming back, each input value's dE/dout gathers
/// dE/dsum * w from every position whose window covered it; and a kernel weight, shared by all positions,
/// gets the sum over the positions it touched.
/// </summary>
internal sealed class ConvolutionTerms : LayerTerms
{
    private readonly FeatureMapWindows _windows;

    /// <summary>For each output unit, what it reads: (source index, weight), in channel then tap order.</summary>
    private readonly List<(int Source, PlannedParameter Weight)>[] _reads;

    /// <summary>For each source unit, who reads it: (output unit, weight), in output order.</summary>
    private readonly List<(int Unit, PlannedParameter Weight)>[] _readers;

    public ConvolutionTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
        _windows = new FeatureMapWindows(layer);
        int channels = layer.InputShape[0];
        _reads = new List<(int, PlannedParameter)>[layer.Units.Count];
        _readers = Enumerable.Range(0, layer.Sources.Count).Select(_ => new List<(int, PlannedParameter)>()).ToArray();
        for (int j = 0; j < layer.Units.Count; j++)
        {
            int filter = j / _windows.OutputPositions, position = j % _windows.OutputPositions;
            _reads[j] = new List<(int, PlannedParameter)>();
            for (int c = 0; c < channels; c++)
            {
                foreach (var (tap, source) in _windows.Window(position, c))
                {
                    PlannedParameter w = layer.ConvWeight(filter, c, tap);
                    _reads[j].Add((source, w));
                    _readers[source].Add((j, w));
                }
            }
        }
    }

    public override void Forward(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        LayerSpec spec = layer.Spec;
        int channels = layer.InputShape[0];
        steps.Add(new Section(SectionKind.Other, new[]
        {
            $"Layer {layer.Number} ({layer.Name}): convolution, {spec.Filters} filter{Plural(spec.Filters)} of {Dimensions(spec.Kernel)} over {channels} channel{Plural(channels)}{Options(spec)}, output {Dimensions(layer.OutputShape)}.",
            $"{layer.Name}_f_pos is filter f at output position pos (from 1); sum = the kernel's weights . the inputs under it + b, then {ActivationTerms.Name(layer.Activation)}.",
        }));
        for (int j = 0; j < layer.Units.Count; j++)
        {
            var terms = new List<Expr>(_reads[j].Count + 1);
            foreach (var (source, w) in _reads[j])
            {
                terms.Add(new Param(w) * SourceValue(layer, source));
            }
            terms.Add(new Param(layer.FilterBias(j / _windows.OutputPositions)));
            steps.Add(new Term("sum_" + layer.Units[j], new Add(terms), null));
        }
        foreach (string unit in layer.Units)
        {
            steps.Add(new Term("out_" + unit, ActivationTerms.Apply(layer.Activation, new Ref("sum_" + unit), Slope), null));
        }
    }

    public override void BeginSourceDeltas(List<DerivationStep> steps, PlannedLayer source) =>
        steps.Add(new Section($"Backward through layer {source.Number} ({source.Name}): each value feeds every position of layer {Layer.Name} whose window covers it, through the weight of the tap it fell under."));

    public override IReadOnlyList<(Expr Term, string Words)> SourceDelta(int source) =>
        _readers[source].Select(r => ((Expr)(new Ref("dE_dsum_" + Layer.Units[r.Unit]) * new Param(r.Weight)),
            $"dE/dsum_{Layer.Units[r.Unit]} * {r.Weight.Name}")).ToList();

    /// <summary>
    /// dE/dw of a kernel weight: the sum over every output position it touched of dE/dsum there times the input
    /// under it; dE/db: the sum of dE/dsum over the filter's positions.
    /// </summary>
    public override void Gradients(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        var uses = new Dictionary<int, List<Expr>>();
        for (int j = 0; j < layer.Units.Count; j++)
        {
            foreach (var (source, w) in _reads[j])
            {
                if (!uses.TryGetValue(w.Index, out List<Expr>? list))
                {
                    uses[w.Index] = list = new List<Expr>();
                }
                list.Add(new Ref("dE_dsum_" + layer.Units[j]) * SourceValue(layer, source));
            }
        }
        for (int n = 0; n < layer.WeightCount; n++)
        {
            PlannedParameter w = layer.Parameters[n];
            List<Expr>? products = uses.TryGetValue(w.Index, out List<Expr>? found) ? found : null;
            steps.Add(new GradientTerm(w, products is null ? new Lit(0) : E.Sum(products), products is null
                ? $"dE/d{w.Name} = 0: this tap falls in the padding at every position"
                : $"dE/d{w.Name}: the kernel weight is shared, so its gradient is the sum over the {Count(products.Count)} position{Plural(products.Count)} it touched of dE/dsum * (the input under it)"));
        }
        if (!layer.BiasTrainable)
        {
            return;
        }
        int filters = layer.SharedBias ? 1 : layer.Spec.Filters;
        int perBias = layer.Units.Count / filters;
        for (int f = 0; f < filters; f++)
        {
            PlannedParameter b = layer.FilterBias(f);
            var deltas = Enumerable.Range(f * perBias, perBias).Select(j => (Expr)new Ref("dE_dsum_" + layer.Units[j])).ToList();
            steps.Add(new GradientTerm(b, E.Sum(deltas), layer.SharedBias
                ? $"dE/d{b.Name} = sum over every position of every filter of dE/dsum (each dsum/d{b.Name} = 1)"
                : $"dE/d{b.Name} = sum over filter {Count(f + 1)}'s {Count(perBias)} position{Plural(perBias)} of dE/dsum (each dsum/d{b.Name} = 1)"));
        }
    }

    private static string Options(LayerSpec spec)
    {
        var parts = new List<string>();
        if (spec.Stride.Any(s => s != 1))
        {
            parts.Add("stride " + Dimensions(spec.Stride));
        }
        if (spec.Dilation.Any(d => d != 1))
        {
            parts.Add("dilation " + Dimensions(spec.Dilation));
        }
        if (spec.Pads.Any(p => p != 0))
        {
            parts.Add(spec.SamePadding ? "padding same (" + string.Join(",", spec.Pads.Select(Count)) + ")" : "zero padding " + string.Join(",", spec.Pads.Select(Count)));
        }
        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }

    private static string Plural(int count) => count == 1 ? "" : "s";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
