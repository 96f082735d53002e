using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Explain of loop-style recurrent and per-step dense layers: every state and gate of every step under the
/// unrolled code's names (<c>h1_t3_2</c>, <c>r1_t3_2</c>, <c>c1_t3_2</c>), dE/dh from the layers above, dE/d(gate sum)
/// after backpropagation through time, and each shared parameter's gradient summed over the steps. The gradient
/// carried from h_t+1 to h_t happens inside the kernel and is not reported term by term.
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string RecurrentText = "global::NetGen.Runtime.RecurrentExplainText";

    /// <summary>The time-free prefix of a per-step layer's names: h1 (from h1_t1_1), o (from o_t1_1).</summary>
    private static string StepPrefix(PlannedLayer layer) => layer.IsRecurrent
        ? "h" + NetworkPlan.Number(layer.Number)
        : layer.Units[0].Substring(0, layer.Units[0].Length - "_t1_1".Length);

    /// <summary>The name table of a per-step layer's units (a last-state layer's: the last step only).</summary>
    private string StepNames(PlannedLayer layer, string prefix) =>
        $"{RecurrentText}.Names(\"{prefix}\", {(layer.IsRecurrent && !layer.Spec.ReturnsSequence ? layer.Steps - 1 : 0)}, {layer.Steps}, {layer.Hidden})";

    private string Letter(PlannedLayer layer, string gate) => gate + NetworkPlan.Number(layer.Number);

    /// <summary>Every gate and state of every step, with its formula.</summary>
    private void ReportRecurrentForward(PlannedLayer layer)
    {
        string n = layer.Name, k = NetworkPlan.Number(layer.Number), x = layer.Number == 1 ? "i" : StepPrefix(_plan.Layers[layer.Number - 2]);
        int h = layer.Hidden, c = Shape(layer).CachePerStep;
        string sums(string gate) => $"w_{gate}{k}_{{j}} . {x}_t{{t}} + b_i{gate}{k}_{{j}} + w_{gate}{k}_{{j}}_h . h{k}_t{{p}} + b_h{gate}{k}_{{j}}";
        var values = new List<(string Name, string Value, string Formula)>();
        switch (layer.Kind)
        {
            case LayerKind.Gru:
                values.Add(("r" + k, $"cache_{n}[t * {c} + j]", $"sigmoid({sums("r")})"));
                values.Add(("z" + k, $"cache_{n}[t * {c} + {h} + j]", $"sigmoid({sums("z")})"));
                values.Add(("n" + k, $"cache_{n}[t * {c} + {2 * h} + j]", $"tanh(w_n{k}_{{j}} . {x}_t{{t}} + b_in{k}_{{j}} + r{k}_t{{t}}_{{j}} * (w_n{k}_{{j}}_h . h{k}_t{{p}} + b_hn{k}_{{j}}))"));
                values.Add(("h" + k, $"seq_{n}[t * {h} + j]", $"(1 - z{k}_t{{t}}_{{j}}) * n{k}_t{{t}}_{{j}} + z{k}_t{{t}}_{{j}} * h{k}_t{{p}}_{{j}}"));
                break;
            case LayerKind.Lstm:
                string[] gates = { "i", "f", "g", "o" };
                for (int g = 0; g < 4; g++)
                {
                    values.Add((gates[g] + k, $"cache_{n}[t * {c} + {g * h} + j]", $"{(g == 2 ? "tanh" : "sigmoid")}({sums(gates[g])})"));
                }
                values.Add(("c" + k, $"cache_{n}[t * {c} + {4 * h} + j]", $"f{k}_t{{t}}_{{j}} * c{k}_t{{p}}_{{j}} + i{k}_t{{t}}_{{j}} * g{k}_t{{t}}_{{j}}"));
                values.Add(("h" + k, $"seq_{n}[t * {h} + j]", $"o{k}_t{{t}}_{{j}} * tanh(c{k}_t{{t}}_{{j}})"));
                break;
            default:
                values.Add(("h" + k, $"seq_{n}[t * {h} + j]", $"{ActivationTerms.Name(layer.Activation)}({sums("h")})"));
                break;
        }
        _w.Open($"for (int t = 0; t < {layer.Steps}; t++) for (int j = 0; j < {h}; j++)");
        foreach (var (name, value, formula) in values)
        {
            _w.Line($"explanation.Step({RecurrentText}.Name(\"{name}\", t, j), {value}, {RecurrentText}.Fill({Quote(formula)}, t, j));");
        }
        _w.Close();
    }

    private void ReportPerStepForward(PlannedLayer layer)
    {
        string n = layer.Name, x = layer.Number == 1 ? "i" : StepPrefix(_plan.Layers[layer.Number - 2]);
        string unit = layer.StepUnitName(0).Substring(0, layer.StepUnitName(0).Length - 1) + "{j}";
        _w.Open($"for (int t = 0; t < {layer.Steps}; t++) for (int j = 0; j < {layer.Hidden}; j++)");
        _w.Line($"explanation.Step(\"sum_\" + {Names(layer)}[t * {layer.Hidden} + j], sum_{n}[t * {layer.Hidden} + j], {RecurrentText}.Fill({Quote($"w_{unit} . {x}_t{{t}} + {(layer.SharedBias ? layer.BiasName(0) : "b_" + unit)}")}, t, j));");
        _w.Line($"explanation.Step(\"out_\" + {Names(layer)}[t * {layer.Hidden} + j], out_{n}[t * {layer.Hidden} + j], {Quote(layer.Activation == ActivationKind.Softmax ? "softmax of this step's sums at sum" : Formula(ActivationTerms.Apply(layer.Activation, new Ref("sum"), _slope)))}.Replace(\"sum\", \"sum_\" + {Names(layer)}[t * {layer.Hidden} + j]));");
        _w.Close();
    }

    /// <summary>dE/dsum = dE/dout * dout/dsum of a hidden per-step dense layer, reported unit by unit.</summary>
    private void ReportPerStepDeltas(PlannedLayer layer)
    {
        string d = "dE_dsum_" + layer.Name, u = $"{Names(layer)}[j]";
        _w.Open($"for (int j = 0; j < {layer.Units.Count}; j++)");
        _w.Line($"explanation.Step(\"dE_dout_\" + {u}, {d}[j], \"from the layer above\");");
        _w.Line($"{d}[j] *= {Derivative(layer.Activation, $"out_{layer.Name}[j]")};");
        _w.Line($"explanation.Step(\"dE_dsum_\" + {u}, {d}[j], \"dE_dout_\" + {u} + \" * dout_\" + {u} + \"_dsum_\" + {u});");
        _w.Close();
        ReportPerStepGradients(layer);
    }

    /// <summary>dE/dh of every step as the layers above send it, before the steps after it add theirs.</summary>
    private void ReportStateGradients(PlannedLayer layer, string span, string formula) =>
        _w.Line($"for (int t = 0; t < {layer.Steps}; t++) for (int j = 0; j < {layer.Hidden}; j++) explanation.Step({RecurrentText}.Name(\"dE_dout_h{NetworkPlan.Number(layer.Number)}\", t, j), {span}[t * {layer.Hidden} + j], \"{formula}\");");

    /// <summary>dE/d(gate sum) of every gate at every step, then the parameter gradients summed over the steps.</summary>
    private void ReportGateGradients(PlannedLayer layer)
    {
        string n = layer.Name, k = NetworkPlan.Number(layer.Number);
        int h = layer.Hidden, d = Shape(layer).GateGradientPerStep;
        var rows = new List<string>(layer.Gates);
        if (layer.Kind == LayerKind.Gru)
        {
            rows.Add("hn");
        }
        _w.Open($"for (int t = 0; t < {layer.Steps}; t++) for (int j = 0; j < {h}; j++)");
        for (int g = 0; g < rows.Count; g++)
        {
            _w.Line($"explanation.Step({RecurrentText}.Name(\"dE_dsum_{rows[g]}{k}\", t, j), dE_dgates_{n}[t * {d} + {g * h} + j], \"backpropagation through time\");");
        }
        _w.Close();
        ReportPerStepGradients(layer);
    }

    /// <summary>Each parameter's gradient of a per-step layer, summed over the steps (kept in grad_ for the update's report).</summary>
    private void ReportPerStepGradients(PlannedLayer layer)
    {
        string n = layer.Name;
        int count = layer.WeightCount + layer.BiasCount;
        _w.Line($"{T}[] grad_{n} = new {T}[{_plan.ParameterCount}];");
        EmitRecurrentUpdate(layer, $"new global::System.Span<{T}>(grad_{n})", _n.Literal(1));
        int reported = layer.BiasTrainable ? count : layer.WeightCount;
        _w.Line($"for (int k = {layer.WeightOffset}; k < {layer.WeightOffset + reported}; k++) explanation.Step(\"dE_d\" + s_parameterNames[k], grad_{n}[k], \"summed over the {layer.Steps} steps\");");
    }

    /// <summary>The update of every parameter of a per-step layer, with the gradient reported before.</summary>
    private void ReportPerStepUpdates(PlannedLayer layer)
    {
        int reported = layer.BiasTrainable ? layer.WeightCount + layer.BiasCount : layer.WeightCount;
        _w.Line($"for (int k = {layer.WeightOffset}; k < {layer.WeightOffset + reported}; k++) explanation.Update(s_parameterNames[k], before[k], learningRate, grad_{layer.Name}[k], p[k]);");
    }
}
