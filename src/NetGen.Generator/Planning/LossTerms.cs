using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The terms between the forward pass and the backward pass: the targets, each output's error E_k and
/// E_total, and dE/dsum of the output units (dE/dout and the activation's derivative, or the simpler
/// form a loss and its matching activation reduce to).
/// </summary>
internal sealed class LossTerms
{
    private readonly NetworkPlan _plan;
    private readonly PlannedLayer _output;

    /// <summary>For a per-step output layer, each unit's step suffix ("_t3"): a softmax there normalises each step's units alone.</summary>
    private readonly Dictionary<string, string> _stepOf = new();

    /// <summary>The output units a softmax normalises together: all of them, or each step's of a per-step layer, with their suffix.</summary>
    private readonly List<(string Suffix, List<string> Units)> _groups = new();

    public LossTerms(NetworkPlan plan)
    {
        _plan = plan;
        _output = plan.Output;
        if (_output.Kind == LayerKind.PerStepDense)
        {
            for (int t = 1; t <= _output.Steps; t++)
            {
                string suffix = PerStepDenseTerms.StepSuffix(t);
                List<string> units = _output.Units.Skip((t - 1) * _output.Hidden).Take(_output.Hidden).ToList();
                units.ForEach(u => _stepOf[u] = suffix);
                _groups.Add((suffix, units));
            }
        }
        else
        {
            _groups.Add(("", _output.Units.ToList()));
        }
    }

    /// <summary>"" or a per-step unit's "_t3", so that its softmax terms are its step's: max_o_t3.</summary>
    private string Group(string unit) => _stepOf.TryGetValue(unit, out string? suffix) ? suffix : "";

    private LossKind Loss => _plan.Spec.Loss;

    private bool SoftmaxOutput => _output.Activation == ActivationKind.Softmax;

    public void Errors(List<DerivationStep> steps)
    {
        IReadOnlyList<string> units = _output.Units;
        int n = units.Count;
        steps.Add(new Section(SectionKind.Targets, new[] { "Targets." }));
        for (int j = 0; j < n; j++)
        {
            steps.Add(new Term("target_" + units[j], new Target(j), null));
        }
        steps.Add(new Section(SectionKind.Other, ErrorHeading(n)));
        if (Loss == LossKind.CrossEntropy && SoftmaxOutput)
        {
            foreach (var (suffix, _) in _groups)
            {
                steps.Add(new Term("logExpSum_" + _output.Name + suffix, E.Log(new Ref("expSum_" + _output.Name + suffix)), null));
            }
        }
        for (int j = 0; j < n; j++)
        {
            steps.Add(new Term($"E{j + 1}", Error(units[j]), null));
        }
        steps.Add(new Term("E_total", E.Sum(Enumerable.Range(1, n).Select(k => (Expr)new Ref("E" + k)).ToList()), null));
    }

    private IReadOnlyList<string> ErrorHeading(int n) => Loss switch
    {
        LossKind.HalfSquaredError => new[] { "Error: E_k = 1/2 (target_k - out_k)^2, E_total = sum of E_k." },
        LossKind.MeanSquaredError => new[] { $"Error: E_k = (target_k - out_k)^2 / {n}, E_total = sum of E_k (the mean squared error)." },
        LossKind.CrossEntropy when SoftmaxOutput => new[] { "Error: E_k = -target_k log(out_k), with log(out_k) = sum_k - max - log(sum of exp) so that it is never log(0)." },
        _ => new[]
        {
            "Error: E_k = -[target_k log(out_k) + (1 - target_k) log(1 - out_k)], written with the sum",
            "as max(sum, 0) - target * sum + log(1 + e^-|sum|) so that it is never log(0).",
        },
    };

    /// <summary>
    /// E_k of the output unit named <paramref name="unit"/>: a unit ("o1") or, for the loops' Explain, a
    /// pattern ("o{#}"), so that both read the same formula.
    /// </summary>
    public Expr Error(string unit)
    {
        Expr output = new Ref("out_" + unit), target = new Ref("target_" + unit), sum = new Ref("sum_" + unit);
        int n = _output.Units.Count;
        return Loss switch
        {
            LossKind.HalfSquaredError => 0.5 * (target - output) * (target - output),
            LossKind.MeanSquaredError => (target - output) * (target - output) / n,
            LossKind.CrossEntropy when SoftmaxOutput => -target * (sum - new Ref("max_" + _output.Name + Group(unit)) - new Ref("logExpSum_" + _output.Name + Group(unit))),
            _ => E.Max(sum, 0.0) - target * sum + E.Log(1.0 + E.Exp(-E.Abs(sum))),
        };
    }

    /// <summary>The name of the targets' sum that softmax with cross-entropy scales its outputs by.</summary>
    public string TargetSumName => "targetSum_" + _output.Name;

    /// <summary>
    /// dE/dsum of an output unit (a unit or a pattern) under cross-entropy. With softmax it is
    /// out * sum_j target_j - target (PyTorch's cross_entropy with probability targets), the true gradient of the
    /// loss for any targets; it equals out - target when they sum to 1. With sigmoid it is out - target.
    /// </summary>
    public Expr CrossEntropyDelta(string unit) => SoftmaxOutput
        ? new Ref("out_" + unit) * new Ref(TargetSumName + Group(unit)) - new Ref("target_" + unit)
        : new Ref("out_" + unit) - new Ref("target_" + unit);

    /// <summary>dE/dout of the output unit named <paramref name="unit"/> (a unit or a pattern) for the squared errors.</summary>
    public Expr ErrorGradient(string unit)
    {
        Expr difference = new Ref("out_" + unit) - new Ref("target_" + unit);
        return Loss == LossKind.HalfSquaredError ? difference : 2.0 / _output.Units.Count * difference;
    }

    /// <summary>dE/dsum of every output unit, after <paramref name="outputLayer"/>'s heading (dense or per-step dense).</summary>
    public void OutputDeltas(LayerTerms outputLayer, List<DerivationStep> steps)
    {
        IReadOnlyList<string> units = _output.Units;
        int n = units.Count;
        steps.Add(new Section($"Backward through layer {_output.Number} ({_output.Name}): dE/dsum for each output unit."));
        if (Loss == LossKind.CrossEntropy && SoftmaxOutput)
        {
            foreach (var (suffix, group) in _groups)
            {
                string targetSum = TargetSumName + suffix;
                steps.Add(new Term(targetSum, E.Sum(group.Select(u => (Expr)new Ref("target_" + u)).ToList()),
                    "The targets' sum: 1 for a probability distribution, but any targets are allowed."));
                foreach (string u in group)
                {
                    steps.Add(new Term($"dE_dsum_{u}", CrossEntropyDelta(u),
                        $"dE/dsum_{u} = sum_j dE/dout_j * dout_j/dsum_{u} = out_{u} * {targetSum} - target_{u} (the log and the softmax cancel; out - target when the targets sum to 1)"));
                }
            }
            return;
        }
        if (Loss == LossKind.CrossEntropy)
        {
            foreach (string u in units)
            {
                steps.Add(new Term($"dE_dsum_{u}", CrossEntropyDelta(u),
                    $"dE/dsum_{u} = dE/dout_{u} * dout_{u}/dsum_{u} = out_{u} - target_{u} (cross-entropy and sigmoid simplify to this)"));
            }
            return;
        }
        foreach (string u in units)
        {
            steps.Add(new Term($"dE_dout_{u}", ErrorGradient(u), Loss == LossKind.HalfSquaredError
                ? $"dE/dout_{u} = -(target_{u} - out_{u})"
                : $"dE/dout_{u} = 2/{n} * (out_{u} - target_{u})"));
        }
        if (SoftmaxOutput)
        {
            foreach (var (suffix, group) in _groups)
            {
                string dot = "dE_dout_dot_out_" + _output.Name + suffix;
                steps.Add(new Term(dot, E.Sum(group.Select(u => (Expr)(new Ref("dE_dout_" + u) * new Ref("out_" + u))).ToList()),
                    "softmax couples its outputs: dout_j/dsum_k = out_j (delta_jk - out_k), so dE/dsum_k = out_k (dE/dout_k - sum_j dE/dout_j out_j)"));
                foreach (string u in group)
                {
                    steps.Add(new Term($"dE_dsum_{u}", new Ref("out_" + u) * (new Ref("dE_dout_" + u) - new Ref(dot)),
                        $"dE/dsum_{u} = out_{u} * (dE/dout_{u} - sum_j dE/dout_j out_j)"));
                }
            }
            return;
        }
        outputLayer.ActivationChain(steps);
    }
}
