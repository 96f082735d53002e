using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// A dense layer applied at every time step with the same weights (nn.Linear on <c>[time, features]</c>): unit j at
/// step t is <c>o_t3_2</c> (the output layer) or <c>h2_t3_2</c>; a softmax normalises each step's units on their own
/// (<c>max_o_t3</c>, <c>expSum_o_t3</c>). Its weights are shared by the steps, so each gradient sums over them.
/// </summary>
internal sealed class PerStepDenseTerms : LayerTerms, IStepTerms
{
    public PerStepDenseTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
    }

    private int Units => Layer.Hidden;

    private int Features => Layer.Features;

    /// <summary>Unit <paramref name="j"/> (from 0) at step <paramref name="t"/> (from 1).</summary>
    private string Unit(int t, int j) => Layer.Units[(t - 1) * Units + j];

    private Expr Source(int t, int f) => SourceValue(Layer, (t - 1) * Features + f);

    /// <summary>"_t3": what tells one step's softmax terms from another's.</summary>
    public static string StepSuffix(int t) => "_t" + CSharpText.Number(t);

    public Section Heading => new($"Layer {Layer.Number} ({Layer.Name}): dense at each of the {CSharpText.Number(Layer.Steps)} steps with the same weights: sum = w . (the step's values) + b, then {ActivationTerms.Name(Layer.Activation)}{(Layer.Activation == ActivationKind.Softmax ? " over each step's units" : "")}.");

    public override void Forward(List<DerivationStep> steps)
    {
        steps.Add(Heading);
        for (int t = 1; t <= Layer.Steps; t++)
        {
            ForwardStep(steps, t, fromZero: false);
        }
    }

    public void ForwardStep(List<DerivationStep> steps, int t, bool fromZero)
    {
        for (int j = 0; j < Units; j++)
        {
            var terms = new List<Expr>(Features + 1);
            for (int f = 0; f < Features; f++)
            {
                terms.Add(new Param(Layer.Weight(j, f)) * Source(t, f));
            }
            terms.Add(new Param(Layer.BiasOfUnit(j)));
            steps.Add(new Term("sum_" + Unit(t, j), new Add(terms), null));
        }
        if (Layer.Activation != ActivationKind.Softmax)
        {
            for (int j = 0; j < Units; j++)
            {
                steps.Add(new Term("out_" + Unit(t, j), ActivationTerms.Apply(Layer.Activation, new Ref("sum_" + Unit(t, j)), Slope), null));
            }
            return;
        }
        string max = "max_" + Layer.Name + StepSuffix(t), expSum = "expSum_" + Layer.Name + StepSuffix(t);
        var units = Enumerable.Range(0, Units).Select(j => Unit(t, j)).ToList();
        steps.Add(new Term(max, E.MaxOf(units.Select(u => (Expr)new Ref("sum_" + u)).ToList()),
            $"Softmax over step {CSharpText.Number(t)}'s units: subtract the largest sum first so that Exp never overflows."));
        foreach (string u in units)
        {
            steps.Add(new Term("exp_" + u, E.Exp(new Ref("sum_" + u) - new Ref(max)), null));
        }
        steps.Add(new Term(expSum, E.Sum(units.Select(u => (Expr)new Ref("exp_" + u)).ToList()), null));
        foreach (string u in units)
        {
            steps.Add(new Term("out_" + u, new Ref("exp_" + u) / new Ref(expSum), null));
        }
    }

    public override void BeginSourceDeltas(List<DerivationStep> steps, PlannedLayer source) =>
        steps.Add(new Section($"Backward through layer {source.Number} ({source.Name}): each value at step t feeds every unit of layer {Layer.Name} at step t."));

    public override IReadOnlyList<(Expr Term, string Words)> SourceDelta(int source)
    {
        int t = source / Features + 1, f = source % Features;
        return Enumerable.Range(0, Units).Select(j =>
        {
            string next = Unit(t, j);
            return ((Expr)(new Ref("dE_dsum_" + next) * new Param(Layer.Weight(j, f))), $"dE/dsum_{next} * {Layer.Weight(j, f).Name}");
        }).ToList();
    }

    /// <summary>dE/dw: the sum over the steps of dE/dsum at that step times the value the weight read there; dE/db likewise.</summary>
    public override void Gradients(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        int stepsCount = layer.Steps;
        string all = $"t = 1..{CSharpText.Number(stepsCount)}";
        steps.Add(new Section($"Gradients of layer {layer.Name}: every step uses the same weights, so each gradient is a sum over the steps."));
        for (int j = 0; j < Units; j++)
        {
            for (int f = 0; f < Features; f++)
            {
                PlannedParameter w = layer.Weight(j, f);
                var products = Enumerable.Range(1, stepsCount).Select(t => new Ref("dE_dsum_" + Unit(t, j)) * Source(t, f)).ToList();
                steps.Add(new GradientTerm(w, E.Sum(products),
                    $"dE/d{w.Name} = sum over {all} of dE/dsum_{Pattern(Unit(1, j))} * {SourcePattern(f)}"));
            }
        }
        if (!layer.BiasTrainable)
        {
            return;
        }
        if (layer.SharedBias)
        {
            PlannedParameter b = layer.BiasOfUnit(0);
            steps.Add(new GradientTerm(b, E.Sum(layer.Units.Select(u => (Expr)new Ref("dE_dsum_" + u)).ToList()),
                $"dE/d{b.Name} = sum over every step and unit of dE/dsum (each dsum/d{b.Name} = 1)"));
            return;
        }
        for (int j = 0; j < Units; j++)
        {
            PlannedParameter b = layer.BiasOfUnit(j);
            steps.Add(new GradientTerm(b, E.Sum(Enumerable.Range(1, stepsCount).Select(t => (Expr)new Ref("dE_dsum_" + Unit(t, j))).ToList()),
                $"dE/d{b.Name} = sum over {all} of dE/dsum_{Pattern(Unit(1, j))} (each dsum/d{b.Name} = 1)"));
        }
    }

    /// <summary>A unit at step 1 with its step as the pattern {t}: o_t{t}_2.</summary>
    private static string Pattern(string unitAtStep1)
    {
        int at = unitAtStep1.LastIndexOf("_t");
        return unitAtStep1.Substring(0, at) + "_t{t}" + unitAtStep1.Substring(unitAtStep1.IndexOf('_', at + 2));
    }

    private string SourcePattern(int f) => Layer.SourceIsInput
        ? "i_t{t}_" + CSharpText.Number(f + 1)
        : "out_" + Pattern(Layer.Sources[f]);
}
