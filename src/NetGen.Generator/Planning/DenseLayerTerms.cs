using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The terms of one dense layer: weighted sums and activations going forward; dE/dout, dout/dsum and
/// dE/dsum of its units coming back; and dE/dparameter of its weights and biases. A new kind of layer
/// (convolution, pooling, a recurrent cell) is another builder like this one.
/// </summary>
internal sealed class DenseLayerTerms : LayerTerms
{
    public DenseLayerTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
    }

    public override void Forward(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        steps.Add(new Section($"Layer {layer.Number} ({layer.Name}): weighted sums sum = w . inputs + b, then {ActivationTerms.Name(layer.Activation)}."));
        for (int j = 0; j < layer.Units.Count; j++)
        {
            var terms = new List<Expr>(layer.FanIn + 1);
            for (int i = 0; i < layer.FanIn; i++)
            {
                terms.Add(new Param(layer.Weight(j, i)) * SourceValue(layer, i));
            }
            terms.Add(new Param(layer.BiasOfUnit(j)));
            steps.Add(new Term("sum_" + layer.Units[j], new Add(terms), null));
        }
        if (layer.Activation == ActivationKind.Softmax)
        {
            Softmax(steps);
            return;
        }
        foreach (string unit in layer.Units)
        {
            steps.Add(new Term("out_" + unit, ActivationTerms.Apply(layer.Activation, new Ref("sum_" + unit), Slope), null));
        }
    }

    private void Softmax(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        string max = "max_" + layer.Name, expSum = "expSum_" + layer.Name;
        steps.Add(new Term(max, E.MaxOf(layer.Units.Select(u => (Expr)new Ref("sum_" + u)).ToList()),
            "Softmax: subtract the largest sum first so that Exp never overflows."));
        foreach (string unit in layer.Units)
        {
            steps.Add(new Term("exp_" + unit, E.Exp(new Ref("sum_" + unit) - new Ref(max)), null));
        }
        steps.Add(new Term(expSum, E.Sum(layer.Units.Select(u => (Expr)new Ref("exp_" + u)).ToList()), null));
        foreach (string unit in layer.Units)
        {
            steps.Add(new Term("out_" + unit, new Ref("exp_" + unit) / new Ref(expSum), null));
        }
    }

    public override void BeginSourceDeltas(List<DerivationStep> steps, PlannedLayer source) =>
        steps.Add(new Section($"Backward through layer {source.Number} ({source.Name}): each unit's output feeds every unit of layer {Layer.Name}."));

    public override IReadOnlyList<(Expr Term, string Words)> SourceDelta(int source)
    {
        string u = Layer.Sources[source];
        var terms = new List<(Expr, string)>(Layer.Units.Count);
        for (int j = 0; j < Layer.Units.Count; j++)
        {
            string next = Layer.Units[j];
            terms.Add((new Ref("dE_dsum_" + next) * new Param(Layer.Weight(j, source)), $"dE/dsum_{next} * dsum_{next}/dout_{u}"));
        }
        return terms;
    }

    /// <summary>dE/dw = dE/dsum * (the weight's input) and dE/db = dE/dsum for every trainable parameter of the layer.</summary>
    public override void Gradients(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        for (int j = 0; j < layer.Units.Count; j++)
        {
            string u = layer.Units[j];
            for (int i = 0; i < layer.FanIn; i++)
            {
                PlannedParameter w = layer.Weight(j, i);
                Expr source = SourceValue(layer, i);
                string sourceName = ((Ref)source).Name;
                steps.Add(new GradientTerm(w, new Ref("dE_dsum_" + u) * source,
                    $"dE/d{w.Name} = dE/dsum_{u} * dsum_{u}/d{w.Name} (= {sourceName})"));
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
                $"dE/d{b.Name} = sum over the layer's units of dE/dsum * dsum/d{b.Name} (= 1)"));
            return;
        }
        for (int j = 0; j < layer.Units.Count; j++)
        {
            string u = layer.Units[j];
            steps.Add(new GradientTerm(layer.BiasOfUnit(j), new Ref("dE_dsum_" + u), $"dE/db_{u} = dE/dsum_{u} * dsum_{u}/db_{u} (= 1)"));
        }
    }
}
