using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The loop back end's Explain reports of convolution and pooling layers, and of dense layers that read a feature
/// map: every value under the unrolled code's name (<c>sum_c1_2_3_4</c>, <c>argmax_p2_1_1_1</c>, <c>dE_dw_c1_...</c>)
/// and in its order, with names of feature-map values built at run time by <c>SpatialExplainText</c>.
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string Spatial = "global::NetGen.Runtime.SpatialExplainText";

    /// <summary>Whether Explain names values through run-time name tables (a network with a feature map anywhere).</summary>
    private bool UsesNameTables => _plan.Spec.HasSpatialLayers || _plan.Spec.InputDimensions.Length > 1;

    private static string Names(PlannedLayer layer) => "names_" + layer.Name;

    /// <summary>The table of the values a layer reads: the inputs' names, or out_ and the previous layer's names.</summary>
    private string SourceValues(PlannedLayer layer) => layer.Number == 1 ? "names_i" : "values_" + _plan.Layers[layer.Number - 2].Name;

    /// <summary>The run-time name tables: the inputs, and each layer's units and out_ values.</summary>
    private void DeclareNameTables()
    {
        _w.Line("// Names of every value, as the unrolled code spells them (feature maps by channel and position, from 1).");
        _w.Line(_plan.Spec.HasRecurrentLayers
            ? $"string[] names_i = {RecurrentText}.Names(\"i\", 0, {_plan.Layers[0].Steps}, {_plan.Layers[0].Features});"
            : $"string[] names_i = {Spatial}.Names(\"i\", {string.Join(", ", _plan.Spec.InputDimensions.Select(CSharpText.Number))});");
        foreach (PlannedLayer layer in _plan.Layers)
        {
            if (layer.IsPerStep)
            {
                string prefix = StepPrefix(layer);
                _w.Line($"string[] {Names(layer)} = {StepNames(layer, prefix)}, values_{layer.Name} = {StepNames(layer, "out_" + prefix)};");
                continue;
            }
            string shape = string.Join(", ", NameShape(layer).Select(CSharpText.Number));
            _w.Line($"string[] {Names(layer)} = {Spatial}.Names(\"{layer.UnitPrefix}\", {shape}), values_{layer.Name} = {Spatial}.Names(\"out_{layer.UnitPrefix}\", {shape});");
        }
    }

    /// <summary>The shape the plan names a layer's units by: the map of a convolution or pooling, a plain count otherwise.</summary>
    internal static int[] NameShape(PlannedLayer layer) =>
        layer.Kind is LayerKind.Convolution or LayerKind.MaxPool or LayerKind.AveragePool ? layer.OutputShape : new[] { layer.Units.Count };

    private void ReportConvolutionSums(PlannedLayer layer)
    {
        int plane = layer.Units.Count / layer.Spec.Filters;
        string bias = layer.SharedBias ? $"s_parameterNames[{layer.BiasOffset}]" : $"s_parameterNames[{layer.BiasOffset} + j / {plane}]";
        _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) explanation.Step(\"sum_\" + {Names(layer)}[j], sum_{layer.Name}[j], {Spatial}.ConvolutionSum(in {ShapeName(layer)}, j, s_parameterNames, {layer.WeightOffset}, {SourceValues(layer)}, {bias}));");
    }

    /// <summary>Reports <paramref name="term"/> + the unit's name for every unit, the formula's {u} filled with the name.</summary>
    private void ReportMap(PlannedLayer layer, string term, string value, string formula) =>
        _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) explanation.Step(\"{term}\" + {Names(layer)}[j], {value}, {Quote(formula)}.Replace(\"{{u}}\", {Names(layer)}[j]));");

    private void ReportPoolOutputs(PlannedLayer layer)
    {
        string formula = layer.Kind == LayerKind.GlobalAveragePool
            ? $"\"(\" + {Spatial}.Terms({InputPositions(layer)}, i => {SourceValues(layer)}[j * {InputPositions(layer)} + i]) + \") / {InputPositions(layer)}\""
            : $"{Spatial}.Pool(in {ShapeName(layer)}, j, {SourceValues(layer)}, max: {(layer.Kind == LayerKind.MaxPool ? "true" : "false")})";
        _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) explanation.Step(\"out_\" + {Names(layer)}[j], out_{layer.Name}[j], {formula});");
    }

    /// <summary>
    /// Explain's backward step through a layer next to a spatial one, in the unrolled order: a max pool's winners,
    /// dE/dout of each unit, then (for a layer with sums) dout/dsum and dE/dsum unit by unit, then the layer's gradients.
    /// </summary>
    private void ReportSpatialDeltas(PlannedLayer layer, PlannedLayer next)
    {
        string d = Delta(layer), names = Names(layer), nextNames = Names(next);
        if (next.Kind == LayerKind.MaxPool)
        {
            _w.Line($"for (int j = 0; j < {next.Units.Count}; j++) explanation.Step(\"argmax_\" + {nextNames}[j], ({T}){Spatial}.Place(in {ShapeName(next)}, j, argmax_{next.Name}[j]), \"the place of the first largest of \" + {Spatial}.Pool(in {ShapeName(next)}, j, {SourceValues(next)}, max: true));");
        }
        string shares = next.Kind switch
        {
            LayerKind.Convolution => $"{Spatial}.ConvolutionShares(in {ShapeName(next)}, j, s_parameterNames, {next.WeightOffset}, {nextNames})",
            LayerKind.MaxPool => $"{Spatial}.PoolShares(in {ShapeName(next)}, j, {nextNames}, max: true)",
            LayerKind.AveragePool => $"{Spatial}.PoolShares(in {ShapeName(next)}, j, {nextNames}, max: false)",
            LayerKind.GlobalAveragePool => $"\"dE_dout_\" + {nextNames}[j / {InputPositions(next)}] + \" / {InputPositions(next)}\"",
            _ => $"{Spatial}.Terms({next.Units.Count}, k => \"dE_dsum_\" + {nextNames}[k] + \" * w_\" + {nextNames}[k] + \"_\" + {names}[j])",
        };
        _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) explanation.Step(\"dE_dout_\" + {names}[j], {d}[j], {shares});");
        if (IsPooling(layer))
        {
            return;
        }
        string derivative = Formula(ActivationTerms.Derivative(layer.Activation, new Ref("sum_{u}"), new Ref("out_{u}"), _slope));
        _w.Open($"for (int j = 0; j < {layer.Units.Count}; j++)");
        _w.Line($"{T} dout_dsum = {Derivative(layer.Activation, $"out_{layer.Name}[j]")};");
        _w.Line($"explanation.Step(\"dout_\" + {names}[j] + \"_dsum_\" + {names}[j], dout_dsum, {Quote(derivative)}.Replace(\"{{u}}\", {names}[j]));");
        _w.Line($"{d}[j] *= dout_dsum;");
        _w.Line($"explanation.Step(\"dE_dsum_\" + {names}[j], {d}[j], \"dE_dout_\" + {names}[j] + \" * dout_\" + {names}[j] + \"_dsum_\" + {names}[j]);");
        _w.Close();
        if (layer.Kind == LayerKind.Convolution)
        {
            ReportConvolutionGradients(layer);
        }
        else
        {
            ReportGradients(layer);
        }
    }

    /// <summary>dE/dw of every kernel weight (a sum over the positions it touched), then dE/db; kept in gradient_c1 for the step's report.</summary>
    private void ReportConvolutionGradients(PlannedLayer layer)
    {
        string g = "gradient_" + layer.Name, names = Names(layer);
        int weights = layer.WeightCount, plane = layer.Units.Count / layer.Spec.Filters;
        _w.Line($"{T}[] {g} = new {T}[{weights + layer.BiasCount}];");
        string bias = layer.BiasTrainable ? $"new global::System.Span<{T}>({g}, {weights}, {layer.BiasCount})" : "default";
        _w.Line($"{Convolution}.AddParameterGradient({_n.Literal(1)}, in {ShapeName(layer)}, {Delta(layer)}, {Source(layer, _plan)}, new global::System.Span<{T}>({g}, 0, {weights}), {bias});");
        _w.Line($"for (int n = 0; n < {weights}; n++) explanation.Step(\"dE_d\" + s_parameterNames[{layer.WeightOffset} + n], {g}[n], {Spatial}.ConvolutionWeightGradient(in {ShapeName(layer)}, n, {names}, {SourceValues(layer)}));");
        if (!layer.BiasTrainable)
        {
            return;
        }
        string terms = layer.SharedBias
            ? $"{Spatial}.Terms({layer.Units.Count}, k => \"dE_dsum_\" + {names}[k])"
            : $"{Spatial}.Terms({plane}, k => \"dE_dsum_\" + {names}[b * {plane} + k])";
        _w.Line($"for (int b = 0; b < {layer.BiasCount}; b++) explanation.Step(\"dE_d\" + s_parameterNames[{layer.BiasOffset} + b], {g}[{weights} + b], {terms});");
    }

    /// <summary>The step's report of a convolution's updates, from the gradients Explain kept.</summary>
    private void ReportConvolutionUpdates(PlannedLayer layer)
    {
        int count = layer.BiasTrainable ? layer.WeightCount + layer.BiasCount : layer.WeightCount;
        _w.Line($"for (int n = 0; n < {count}; n++) {{ int k = {layer.WeightOffset} + n; explanation.Update(s_parameterNames[k], before[k], learningRate, gradient_{layer.Name}[n], p[k]); }}");
    }
}
