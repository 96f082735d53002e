using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes Backward's body over a block of samples at once: the same named locals as
/// <see cref="UnrolledEmitter"/>, term for term, but each one a <c>Vector256</c> whose lane k holds
/// the value for sample k of the block (4 doubles or 8 floats). One <c>Vector256.Exp</c> then serves
/// every sample of the block, which is what removes the latency wall of a scalar step.
/// Parameters stay scalars (<c>p.w_o1_h1 * out_h1</c> multiplies every lane by the weight); loop-style
/// networks, which have no ParameterSet, read them by index (<c>p[5]</c>, parameter 5 of ParameterNames).
/// </summary>
internal sealed class LaneEmitter
{
    public const string Vector = "global::System.Runtime.Intrinsics.Vector256";

    private readonly NetworkPlan _plan;
    private readonly Numeric _n;
    private readonly SourceWriter _w;
    private readonly double _slope;

    private readonly bool _byName;

    /// <param name="byName">Whether parameters are read by name from a ParameterSet (unrolled networks) or by index.</param>
    public LaneEmitter(NetworkPlan plan, SourceWriter writer, bool byName)
    {
        _byName = byName;
        _plan = plan;
        _n = Numeric.For(plan.Spec.Precision);
        _w = writer;
        _slope = plan.Spec.LeakyReLUSlope;
    }

    /// <summary>Samples per block: the lanes of a 256-bit vector.</summary>
    public int Lanes => _n.IsSingle ? 8 : 4;

    /// <summary>Vector256&lt;double&gt; or Vector256&lt;float&gt;.</summary>
    public string VectorType => $"{Vector}<{_n.Type}>";

    /// <summary>
    /// The locals of one block, read from the spans <c>input</c> and <c>target</c> (this block's rows), up to
    /// E_total, with every trainable parameter's dE/dparameter added to <c>gradientSum</c>. Needs <c>p</c>,
    /// <c>one</c>, <c>two</c>, <c>zero</c> and <c>gradientSum</c> in scope.
    /// </summary>
    public void EmitBlock()
    {
        EmitInputs();
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

    private void Local(string name, string expression, string? comment = null)
    {
        if (comment is not null)
        {
            _w.Line("// " + comment);
        }
        _w.Line($"var {name} = {expression};");
    }

    /// <summary>Lane k of the result is row k's value number <paramref name="column"/> of <paramref name="span"/>.</summary>
    private string Gather(string span, int column, int rowLength) =>
        $"{Vector}.Create({string.Join(", ", Enumerable.Range(0, Lanes).Select(k => $"{span}[{k * rowLength + column}]"))})";

    private void EmitInputs()
    {
        _w.Line($"// Inputs: lane k of i1 is input 1 of sample k of the block.");
        for (int i = 0; i < _plan.Inputs.Count; i++)
        {
            Local(_plan.Inputs[i], Gather("input", i, _plan.Inputs.Count));
        }
    }

    private void EmitForwardLocals()
    {
        foreach (PlannedLayer layer in _plan.Layers)
        {
            _w.Line();
            _w.Line($"// Layer {layer.Number} ({layer.Name}): weighted sums sum = w . inputs + b, then {ActivationText.Name(layer.Activation)}.");
            for (int j = 0; j < layer.Units.Count; j++)
            {
                var terms = Enumerable.Range(0, layer.FanIn).Select(i => $"{Weight(layer, j, i)} * {Value(layer.Sources[i])}");
                Local("sum_" + layer.Units[j], $"{string.Join(" + ", terms)} + {Vector}.Create({Bias(layer, j)})");
            }
            if (layer.Activation == ActivationKind.Softmax)
            {
                EmitSoftmax(layer);
            }
            else
            {
                foreach (string unit in layer.Units)
                {
                    Local("out_" + unit, Apply(layer.Activation, "sum_" + unit));
                }
            }
        }
    }

    private string Weight(PlannedLayer layer, int unit, int source) => _byName
        ? "p." + layer.WeightName(unit, source)
        : $"p[{layer.WeightIndex(unit, source).ToString(System.Globalization.CultureInfo.InvariantCulture)}]";

    private string Bias(PlannedLayer layer, int unit) => _byName
        ? "p." + layer.BiasNameOfUnit(unit)
        : $"p[{layer.BiasIndexOfUnit(unit).ToString(System.Globalization.CultureInfo.InvariantCulture)}]";

    private static string Value(string source) => source.StartsWith("i", System.StringComparison.Ordinal) ? source : "out_" + source;

    /// <summary>out = f(sum), lane by lane; tanh is 1 - 2 / (e^2x + 1), which is +-1 (never NaN) at the extremes.</summary>
    private string Apply(ActivationKind activation, string sum) => activation switch
    {
        ActivationKind.Identity => sum,
        ActivationKind.Sigmoid => $"one / (one + {Vector}.Exp(-{sum}))",
        ActivationKind.Tanh => $"one - two / ({Vector}.Exp(two * {sum}) + one)",
        ActivationKind.ReLU => $"{Vector}.Max({sum}, zero)",
        ActivationKind.LeakyReLU => $"{Vector}.ConditionalSelect({Vector}.GreaterThan({sum}, zero), {sum}, {_n.Literal(_slope)} * {sum})",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is written by EmitSoftmax."),
    };

    private string Derivative(ActivationKind activation, string sum, string output) => activation switch
    {
        ActivationKind.Identity => "one",
        ActivationKind.Sigmoid => $"{output} * (one - {output})",
        ActivationKind.Tanh => $"one - {output} * {output}",
        ActivationKind.ReLU => $"{Vector}.ConditionalSelect({Vector}.GreaterThan({sum}, zero), one, zero)",
        ActivationKind.LeakyReLU => $"{Vector}.ConditionalSelect({Vector}.GreaterThan({sum}, zero), one, {Vector}.Create({_n.Literal(_slope)}))",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is written by the emitter."),
    };

    private void EmitSoftmax(PlannedLayer layer)
    {
        string max = "max_" + layer.Name;
        _w.Line("// Softmax: subtract the largest sum first so that Exp never overflows.");
        Local(max, Fold(layer.Units.Select(u => "sum_" + u).ToList(), (a, b) => $"{Vector}.Max({a}, {b})"));
        foreach (string unit in layer.Units)
        {
            Local("exp_" + unit, $"{Vector}.Exp(sum_{unit} - {max})");
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

    private void EmitLoss()
    {
        PlannedLayer output = _plan.Output;
        int n = output.Units.Count;
        _w.Line();
        _w.Line("// Targets: lane k of target_o1 is target 1 of sample k.");
        for (int j = 0; j < n; j++)
        {
            Local($"target_{output.Units[j]}", Gather("target", j, n));
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
                Local($"logExpSum_{output.Name}", $"{Vector}.Log(expSum_{output.Name})");
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
                    Local($"E{j + 1}", $"{Vector}.Max(sum_{u}, zero) - target_{u} * sum_{u} + {Vector}.Log(one + {Vector}.Exp(-{Vector}.Abs(sum_{u})))");
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
                    $"dE/dsum_{u} = out_{u} - target_{u} (cross-entropy and {which} simplify to this)");
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
                "softmax couples its outputs: dE/dsum_k = out_k (dE/dout_k - sum_j dE/dout_j out_j)");
            foreach (string u in output.Units)
            {
                Local($"dE_dsum_{u}", $"out_{u} * (dE_dout_{u} - {dot})", $"dE/dsum_{u} = out_{u} * (dE/dout_{u} - sum_j dE/dout_j out_j)");
            }
            return;
        }
        EmitActivationChain(output);
    }

    private void EmitActivationChain(PlannedLayer layer)
    {
        foreach (string u in layer.Units)
        {
            Local($"dout_{u}_dsum_{u}", Derivative(layer.Activation, "sum_" + u, "out_" + u),
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
            var terms = Enumerable.Range(0, next.Units.Count).Select(j => $"dE_dsum_{next.Units[j]} * {Weight(next, j, i)}");
            Local($"dE_dout_{u}", string.Join(" + ", terms), $"dE/dout_{u} = sum over layer {next.Name} of dE/dsum * dsum/dout_{u}");
        }
        EmitActivationChain(layer);
    }

    /// <summary>
    /// Adds each dE/dparameter of the block to its running sum, the field of <c>gradientSum</c> (a
    /// GradientLanes struct) named after the parameter, without a local of its own: one local per weight
    /// would push a network of a few hundred weights past the 512 locals beyond which the JIT stops inlining
    /// (Vector256.Exp among others).
    /// </summary>
    private void EmitParameterGradients(PlannedLayer layer)
    {
        for (int j = 0; j < layer.Units.Count; j++)
        {
            string u = layer.Units[j];
            for (int i = 0; i < layer.FanIn; i++)
            {
                string w = layer.WeightName(j, i), source = Value(layer.Sources[i]);
                _w.Line($"gradientSum.{w} += dE_dsum_{u} * {source}; // dE/d{w} = dE/dsum_{u} * {source}");
            }
        }
        if (!layer.BiasTrainable)
        {
            return;
        }
        if (layer.SharedBias)
        {
            string b = layer.BiasName(0);
            _w.Line($"gradientSum.{b} += {string.Join(" + ", layer.Units.Select(u => "dE_dsum_" + u))}; // dE/d{b}");
            return;
        }
        for (int j = 0; j < layer.Units.Count; j++)
        {
            string b = layer.BiasName(j);
            _w.Line($"gradientSum.{b} += dE_dsum_{layer.Units[j]}; // dE/d{b}");
        }
    }

    /// <summary>The trainable parameters in parameter order: the fields of GradientLanes.</summary>
    public static IReadOnlyList<string> TrainableParameters(NetworkPlan plan)
    {
        var list = new List<string>();
        foreach (PlannedLayer layer in plan.Layers)
        {
            for (int j = 0; j < layer.Units.Count; j++)
            {
                for (int i = 0; i < layer.FanIn; i++)
                {
                    list.Add(layer.WeightName(j, i));
                }
            }
            if (layer.BiasTrainable)
            {
                for (int b = 0; b < layer.BiasCount; b++)
                {
                    list.Add(layer.BiasName(b));
                }
            }
        }
        return list;
    }
}
