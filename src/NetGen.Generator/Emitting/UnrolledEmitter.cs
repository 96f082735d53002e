using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes Forward, Backward and TrainStep as straight-line code in the worked example's vocabulary:
/// every weighted sum, activation, error term and chain-rule factor is a named local with a comment
/// saying which derivative it is. Parameters are read by name through <c>p</c> (a ref to the
/// ParameterSet struct).
/// </summary>
internal sealed class UnrolledEmitter
{
    private readonly NetworkPlan _plan;
    private readonly Numeric _n;
    private readonly SourceWriter _w;
    private readonly double _slope;

    public UnrolledEmitter(NetworkPlan plan, SourceWriter writer)
    {
        _plan = plan;
        _n = Numeric.For(plan.Spec.Precision);
        _w = writer;
        _slope = plan.Spec.LeakyReLUSlope;
    }

    private string T => _n.Type;

    /// <summary>
    /// When set, the bodies also report every local to an <c>IExplanation</c> named
    /// <c>explanation</c> (the generated Explain method): the worked example, with this network's numbers.
    /// </summary>
    public bool Explaining { get; set; }

    /// <summary>Declares a named local, with its chain-rule comment above it when there is one.</summary>
    private void Local(string name, string expression, string? comment = null)
    {
        if (comment is not null)
        {
            _w.Line("// " + comment);
        }
        _w.Line($"{T} {name} = {expression};");
        if (Explaining)
        {
            _w.Line($"explanation.Step(\"{name}\", {name}, \"{Readable(expression)}\");");
        }
    }

    /// <summary>The expression as a person would write it: without "p." and namespaces.</summary>
    internal static string Readable(string expression) =>
        expression.Replace("global::System.MathF.", "").Replace("global::System.Math.", "").Replace("p.", "");

    public void EmitForwardBody()
    {
        _w.Line("ref readonly ParameterSet p = ref _parameters;");
        EmitForwardLocals();
        _w.Line();
        _w.Line("// Outputs.");
        for (int j = 0; j < _plan.Output.Units.Count; j++)
        {
            _w.Line($"output[{j}] = out_{_plan.Output.Units[j]};");
        }
    }

    public void EmitBackwardBody()
    {
        _w.Line("ref readonly ParameterSet p = ref _parameters;");
        EmitForwardAndGradients();
        _w.Line();
        _w.Line("// Add each dE/dparameter to its place in the gradient (parameter order, named by ParameterSet).");
        _w.Line("ref ParameterSet g = ref global::System.Runtime.InteropServices.MemoryMarshal.AsRef<ParameterSet>(global::System.Runtime.InteropServices.MemoryMarshal.AsBytes(gradient));");
        foreach (var (parameter, gradient) in TrainableGradients())
        {
            _w.Line($"g.{parameter} += {gradient};");
        }
        _w.Line("return E_total;");
    }

    public void EmitTrainStepBody()
    {
        _w.Line("ref ParameterSet p = ref _parameters;");
        EmitForwardAndGradients();
        _w.Line();
        _w.Line("// Gradient descent: every new value uses the gradients above, all computed from the old parameters.");
        foreach (var (parameter, gradient) in TrainableGradients())
        {
            _w.Line($"p.{parameter} -= learningRate * {gradient};");
        }
        _w.Line("return E_total;");
    }

    /// <summary>TrainStep's body, reporting every local and every update to <c>explanation</c>.</summary>
    public void EmitExplainBody()
    {
        Explaining = true;
        _w.Line("ref ParameterSet p = ref _parameters;");
        EmitForwardAndGradients();
        _w.Line();
        _w.Line("// Gradient descent, reported parameter by parameter.");
        foreach (var (parameter, gradient) in TrainableGradients())
        {
            _w.Line($"explanation.Update(\"{parameter}\", p.{parameter}, learningRate, {gradient}, p.{parameter} - learningRate * {gradient});");
            _w.Line($"p.{parameter} -= learningRate * {gradient};");
        }
        _w.Line("return E_total;");
    }

    private IEnumerable<(string Parameter, string Gradient)> TrainableGradients()
    {
        foreach (PlannedLayer layer in _plan.Layers)
        {
            for (int j = 0; j < layer.Units.Count; j++)
            {
                for (int i = 0; i < layer.FanIn; i++)
                {
                    string name = layer.WeightName(j, i);
                    yield return (name, "dE_d" + name);
                }
            }
            if (layer.BiasTrainable)
            {
                for (int b = 0; b < layer.BiasCount; b++)
                {
                    string name = layer.BiasName(b);
                    yield return (name, "dE_d" + name);
                }
            }
        }
    }

    private void EmitForwardLocals()
    {
        _w.Line();
        _w.Line("// Inputs.");
        for (int i = 0; i < _plan.Inputs.Count; i++)
        {
            Local(_plan.Inputs[i], $"input[{i}]");
        }
        foreach (PlannedLayer layer in _plan.Layers)
        {
            _w.Line();
            _w.Line($"// Layer {layer.Number} ({layer.Name}): weighted sums sum = w . inputs + b, then {ActivationText.Name(layer.Activation)}.");
            for (int j = 0; j < layer.Units.Count; j++)
            {
                var terms = Enumerable.Range(0, layer.FanIn).Select(i => $"p.{layer.WeightName(j, i)} * {Value(layer.Sources[i])}");
                Local("sum_" + layer.Units[j], $"{string.Join(" + ", terms)} + p.{layer.BiasNameOfUnit(j)}");
            }
            if (layer.Activation == ActivationKind.Softmax)
            {
                EmitSoftmax(layer);
            }
            else
            {
                foreach (string unit in layer.Units)
                {
                    Local("out_" + unit, ActivationText.Apply(layer.Activation, "sum_" + unit, _n, _slope));
                }
            }
        }
    }

    /// <summary>The value a layer reads from a source unit: an input itself, or a unit's out_.</summary>
    private string Value(string source) => source.StartsWith("i", System.StringComparison.Ordinal) ? source : "out_" + source;

    private void EmitSoftmax(PlannedLayer layer)
    {
        string max = "max_" + layer.Name;
        _w.Line($"// Softmax: subtract the largest sum first so that Exp never overflows.");
        Local(max, Fold(layer.Units.Select(u => "sum_" + u).ToList(), (a, b) => $"{_n.Math}.Max({a}, {b})"));
        foreach (string unit in layer.Units)
        {
            Local("exp_" + unit, $"{_n.Math}.Exp(sum_{unit} - {max})");
        }
        Local("expSum_" + layer.Name, string.Join(" + ", layer.Units.Select(u => "exp_" + u)));
        foreach (string unit in layer.Units)
        {
            Local("out_" + unit, $"exp_{unit} / expSum_{layer.Name}");
        }
    }

    private static string Fold(IReadOnlyList<string> items, System.Func<string, string, string> combine)
    {
        string result = items[0];
        for (int k = 1; k < items.Count; k++)
        {
            result = combine(result, items[k]);
        }
        return result;
    }

    private void EmitForwardAndGradients()
    {
        EmitForwardLocals();
        EmitLoss();
        PlannedLayer output = _plan.Output;
        EmitOutputDeltas(output);
        EmitParameterGradients(output);
        for (int k = _plan.Layers.Count - 2; k >= 0; k--)
        {
            EmitHiddenDeltas(_plan.Layers[k], _plan.Layers[k + 1]);
            EmitParameterGradients(_plan.Layers[k]);
        }
    }

    private void EmitLoss()
    {
        PlannedLayer output = _plan.Output;
        int n = output.Units.Count;
        _w.Line();
        _w.Line("// Targets.");
        for (int j = 0; j < n; j++)
        {
            Local($"target_{output.Units[j]}", $"target[{j}]");
        }
        _w.Line();
        switch (_plan.Spec.Loss)
        {
            case LossKind.HalfSquaredError:
                _w.Line("// Error: E_k = 1/2 (target_k - out_k)^2, E_total = sum of E_k.");
                for (int j = 0; j < n; j++)
                {
                    string u = output.Units[j];
                    Local($"E{j + 1}", $"{_n.Literal(0.5)} * (target_{u} - out_{u}) * (target_{u} - out_{u})");
                }
                break;
            case LossKind.MeanSquaredError:
                _w.Line($"// Error: E_k = (target_k - out_k)^2 / {n}, E_total = sum of E_k (the mean squared error).");
                for (int j = 0; j < n; j++)
                {
                    string u = output.Units[j];
                    Local($"E{j + 1}", $"(target_{u} - out_{u}) * (target_{u} - out_{u}) / {_n.Literal(n)}");
                }
                break;
            case LossKind.CrossEntropy when output.Activation == ActivationKind.Softmax:
                _w.Line("// Error: E_k = -target_k log(out_k), with log(out_k) = sum_k - max - log(sum of exp) so that it is never log(0).");
                Local($"logExpSum_{output.Name}", $"{_n.Math}.Log(expSum_{output.Name})");
                for (int j = 0; j < n; j++)
                {
                    string u = output.Units[j];
                    Local($"E{j + 1}", $"-target_{u} * (sum_{u} - max_{output.Name} - logExpSum_{output.Name})");
                }
                break;
            default:
                _w.Line("// Error: E_k = -[target_k log(out_k) + (1 - target_k) log(1 - out_k)], written with the sum");
                _w.Line("// as max(sum, 0) - target * sum + log(1 + e^-|sum|) so that it is never log(0).");
                for (int j = 0; j < n; j++)
                {
                    string u = output.Units[j];
                    Local($"E{j + 1}", $"{_n.Math}.Max(sum_{u}, {_n.Literal(0)}) - target_{u} * sum_{u} + {_n.Math}.Log({_n.Literal(1)} + {_n.Math}.Exp(-{_n.Math}.Abs(sum_{u})))");
                }
                break;
        }
        Local("E_total", string.Join(" + ", Enumerable.Range(1, n).Select(k => "E" + k)));
    }

    private void EmitOutputDeltas(PlannedLayer output)
    {
        int n = output.Units.Count;
        _w.Line();
        _w.Line($"// Backward through layer {output.Number} ({output.Name}): dE/dsum for each output unit.");
        if (_plan.Spec.Loss == LossKind.CrossEntropy)
        {
            string which = output.Activation == ActivationKind.Softmax ? "softmax" : "sigmoid";
            foreach (string u in output.Units)
            {
                Local($"dE_dsum_{u}", $"out_{u} - target_{u}",
                    $"dE/dsum_{u} = dE/dout_{u} * dout_{u}/dsum_{u} = out_{u} - target_{u} (cross-entropy and {which} simplify to this)");
            }
            return;
        }

        foreach (string u in output.Units)
        {
            if (_plan.Spec.Loss == LossKind.HalfSquaredError)
            {
                Local($"dE_dout_{u}", $"out_{u} - target_{u}", $"dE/dout_{u} = -(target_{u} - out_{u})");
            }
            else
            {
                Local($"dE_dout_{u}", $"{_n.Literal(2.0 / n)} * (out_{u} - target_{u})", $"dE/dout_{u} = 2/{n} * (out_{u} - target_{u})");
            }
        }
        if (output.Activation == ActivationKind.Softmax)
        {
            string dot = "dE_dout_dot_out_" + output.Name;
            Local(dot, string.Join(" + ", output.Units.Select(u => $"dE_dout_{u} * out_{u}")),
                "softmax couples its outputs: dout_j/dsum_k = out_j (delta_jk - out_k), so dE/dsum_k = out_k (dE/dout_k - sum_j dE/dout_j out_j)");
            foreach (string u in output.Units)
            {
                Local($"dE_dsum_{u}", $"out_{u} * (dE_dout_{u} - {dot})", $"dE/dsum_{u} = out_{u} * (dE/dout_{u} - sum_j dE/dout_j out_j)");
            }
            return;
        }
        EmitActivationChain(output);
    }

    /// <summary>dout/dsum and dE/dsum for the units of an element-wise layer whose dE/dout are known.</summary>
    private void EmitActivationChain(PlannedLayer layer)
    {
        foreach (string u in layer.Units)
        {
            Local($"dout_{u}_dsum_{u}", ActivationText.Derivative(layer.Activation, "sum_" + u, "out_" + u, _n, _slope),
                $"dout_{u}/dsum_{u}: {ActivationText.DerivativeInWords(layer.Activation, "out_" + u)}");
            Local($"dE_dsum_{u}", $"dE_dout_{u} * dout_{u}_dsum_{u}", $"dE/dsum_{u} = dE/dout_{u} * dout_{u}/dsum_{u}");
        }
    }

    private void EmitHiddenDeltas(PlannedLayer layer, PlannedLayer next)
    {
        _w.Line();
        _w.Line($"// Backward through layer {layer.Number} ({layer.Name}): each unit's output feeds every unit of layer {next.Name}.");
        for (int i = 0; i < layer.Units.Count; i++)
        {
            string u = layer.Units[i];
            var terms = Enumerable.Range(0, next.Units.Count).Select(j => $"dE_dsum_{next.Units[j]} * p.{next.WeightName(j, i)}");
            var words = Enumerable.Range(0, next.Units.Count).Select(j => $"dE/dsum_{next.Units[j]} * dsum_{next.Units[j]}/dout_{u}");
            Local($"dE_dout_{u}", string.Join(" + ", terms), $"dE/dout_{u} = {string.Join(" + ", words)}");
        }
        EmitActivationChain(layer);
    }

    private void EmitParameterGradients(PlannedLayer layer)
    {
        for (int j = 0; j < layer.Units.Count; j++)
        {
            string u = layer.Units[j];
            for (int i = 0; i < layer.FanIn; i++)
            {
                string w = layer.WeightName(j, i);
                string source = Value(layer.Sources[i]);
                Local($"dE_d{w}", $"dE_dsum_{u} * {source}", $"dE/d{w} = dE/dsum_{u} * dsum_{u}/d{w} (= {source})");
            }
        }
        if (!layer.BiasTrainable)
        {
            return;
        }
        if (layer.SharedBias)
        {
            string b = layer.BiasName(0);
            Local($"dE_d{b}", string.Join(" + ", layer.Units.Select(u => "dE_dsum_" + u)),
                $"dE/d{b} = sum over the layer's units of dE/dsum * dsum/d{b} (= 1)");
            return;
        }
        foreach (string u in layer.Units)
        {
            Local($"dE_db_{u}", $"dE_dsum_{u}", $"dE/db_{u} = dE/dsum_{u} * dsum_{u}/db_{u} (= 1)");
        }
    }
}
