using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>The loop back end's Explain reports of the output deltas and the gradients, unit by unit.</summary>
internal sealed partial class LoopEmitter
{
    /// <summary>dE/dout, dout/dsum and dE/dsum of the output units, in the unrolled Explain's order.</summary>
    private void ReportOutputDeltas(PlannedLayer output)
    {
        string u = UnitPattern(output), d = "dE_dsum_" + output.Name, o = "out_" + output.Name;
        int n = output.Units.Count;
        if (_plan.Spec.Loss == LossKind.CrossEntropy)
        {
            if (output.Activation == ActivationKind.Softmax)
            {
                _w.Line($"explanation.Step(\"{_loss.TargetSumName}\", {_loss.TargetSumName}, {Text}.Sum(\"target_{u.Replace("{#}", "{@}")}\", 0, {n}));");
            }
            Report(n, "dE_dsum_" + u, $"{d}[j]", $"{Text}.Fill({Quote(Formula(_loss.CrossEntropyDelta(u)))}, j)");
            return;
        }
        string dEdout = Formula(_loss.ErrorGradient(u));
        Report(n, "dE_dout_" + u, $"dE_dout_{output.Name}[j]", $"{Text}.Fill({Quote(dEdout)}, j)");
        if (output.Activation == ActivationKind.Softmax)
        {
            string dot = "dE_dout_dot_out_" + output.Name, term = u.Replace("{#}", "{@}");
            _w.Line($"explanation.Step(\"{dot}\", {dot}, {Text}.Sum(\"dE_dout_{term} * out_{term}\", 0, {n}));");
            Report(n, "dE_dsum_" + u, $"{d}[j]", $"{Text}.Fill(\"out_{u} * (dE_dout_{u} - {dot})\", j)");
            return;
        }
        _w.Line($"for (int j = 0; j < {n}; j++)");
        _w.Line("{");
        _w.Line($"    explanation.Step({Text}.Fill({Quote($"dout_{u}_dsum_{u}")}, j), dout_dsum_{output.Name}[j], {Text}.Fill({Quote(Formula(ActivationTerms.Derivative(output.Activation, new Ref("sum_" + u), new Ref("out_" + u), _slope)))}, j));");
        _w.Line($"    explanation.Step({Text}.Fill({Quote($"dE_dsum_{u}")}, j), {d}[j], {Text}.Fill({Quote($"dE_dout_{u} * dout_{u}_dsum_{u}")}, j));");
        _w.Line("}");
    }

    /// <summary>dE/dw = dE/dsum * input for every weight of the layer, then dE/db, as the unrolled Explain reports them.</summary>
    private void ReportGradients(PlannedLayer layer)
    {
        if (layer.IsPerStep)
        {
            ReportPerStepGradients(layer);
            return;
        }
        string u = UnitPattern(layer), d = "dE_dsum_" + layer.Name, source = Source(layer, _plan);
        string from = SourceValuePattern(layer);
        if (UsesNameTables)
        {
            _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) for (int i = 0; i < {layer.FanIn}; i++) explanation.Step(\"dE_d\" + s_parameterNames[{layer.WeightOffset} + j * {layer.FanIn} + i], {d}[j] * {source}[i], \"dE_dsum_\" + {Names(layer)}[j] + \" * \" + {SourceValues(layer)}[i]);");
        }
        else
        {
            _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) for (int i = 0; i < {layer.FanIn}; i++) explanation.Step({Text}.Fill({Quote($"dE_dw_{u}_{from.Replace("out_", "")}")}, j, i), {d}[j] * {source}[i], {Text}.Fill({Quote($"dE_dsum_{u} * {from}")}, j, i));");
        }
        if (!layer.BiasTrainable)
        {
            return;
        }
        if (layer.SharedBias)
        {
            string b = layer.BiasName(0);
            _w.Line($"{T} dE_d{b} = {_n.Literal(0)};");
            _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) dE_d{b} += {d}[j];");
            _w.Line($"explanation.Step(\"dE_d{b}\", dE_d{b}, {Text}.Sum({Quote($"dE_dsum_{u.Replace("{#}", "{@}")}")}, 0, {layer.Units.Count}));");
            return;
        }
        Report(layer.Units.Count, $"dE_db_{u}", $"{d}[j]", $"{Text}.Fill({Quote($"dE_dsum_{u}")}, j)");
    }
}
