using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The terms of one dense layer: weighted sums and activations going forward; dE/dout, dout/dsum and
/// dE/dsum of its units coming back; and dE/dparameter of its weights and biases. A new kind of layer
/// (convolution, pooling, a recurrent cell) is another builder like this one.
/// </summary>
internal sealed class DenseLayerTerms
{
    private readonly PlannedLayer _layer;
    private readonly double _slope;

    public DenseLayerTerms(PlannedLayer layer, double leakySlope)
    {
        _layer = layer;
        _slope = leakySlope;
    }

    /// <summary>The value a layer reads from source unit <paramref name="source"/>: an input itself, or a unit's out_.</summary>
    public static Expr SourceValue(PlannedLayer layer, int source) =>
        new Ref(layer.SourceIsInput ? layer.Sources[source] : "out_" + layer.Sources[source]);

    public void Forward(List<DerivationStep> steps)
    {
        PlannedLayer layer = _layer;
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
            steps.Add(new Term("out_" + unit, ActivationTerms.Apply(layer.Activation, new Ref("sum_" + unit), _slope), null));
        }
    }

    private void Softmax(List<DerivationStep> steps)
    {
        PlannedLayer layer = _layer;
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

    /// <summary>dout/dsum and dE/dsum for the units of an element-wise layer whose dE/dout are known.</summary>
    public void ActivationChain(List<DerivationStep> steps)
    {
        foreach (string u in _layer.Units)
        {
            steps.Add(new Term($"dout_{u}_dsum_{u}",
                ActivationTerms.Derivative(_layer.Activation, new Ref("sum_" + u), new Ref("out_" + u), _slope),
                $"dout_{u}/dsum_{u}: {ActivationTerms.DerivativeInWords(_layer.Activation, "out_" + u)}"));
            steps.Add(new Term($"dE_dsum_{u}", new Ref($"dE_dout_{u}") * new Ref($"dout_{u}_dsum_{u}"),
                $"dE/dsum_{u} = dE/dout_{u} * dout_{u}/dsum_{u}"));
        }
    }

    /// <summary>dE/dout of a hidden layer's units (each feeds every unit of <paramref name="next"/>), then dE/dsum.</summary>
    public void HiddenDeltas(PlannedLayer next, List<DerivationStep> steps)
    {
        PlannedLayer layer = _layer;
        steps.Add(new Section($"Backward through layer {layer.Number} ({layer.Name}): each unit's output feeds every unit of layer {next.Name}."));
        for (int i = 0; i < layer.Units.Count; i++)
        {
            string u = layer.Units[i];
            var terms = Enumerable.Range(0, next.Units.Count)
                .Select(j => (Expr)(new Ref("dE_dsum_" + next.Units[j]) * new Param(next.Weight(j, i)))).ToList();
            var words = Enumerable.Range(0, next.Units.Count).Select(j => $"dE/dsum_{next.Units[j]} * dsum_{next.Units[j]}/dout_{u}");
            steps.Add(new Term("dE_dout_" + u, E.Sum(terms), $"dE/dout_{u} = {string.Join(" + ", words)}"));
        }
        ActivationChain(steps);
    }

    /// <summary>dE/dw = dE/dsum * (the weight's input) and dE/db = dE/dsum for every trainable parameter of the layer.</summary>
    public void Gradients(List<DerivationStep> steps)
    {
        PlannedLayer layer = _layer;
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
