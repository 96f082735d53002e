using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Planning;

/// <summary>
/// Builds a network's <see cref="Derivation"/> from its plan, once: the inputs, each layer's forward terms,
/// the loss, then each layer's deltas and gradients from the output back to the first layer.
/// </summary>
internal static class DerivationBuilder
{
    public static Derivation Build(NetworkPlan plan)
    {
        double slope = plan.Spec.LeakyReLUSlope;
        var layers = new List<LayerTerms>(plan.Layers.Count);
        foreach (PlannedLayer layer in plan.Layers)
        {
            layers.Add(LayerTerms.For(layer, slope));
        }

        var forward = new List<DerivationStep> { new Section(SectionKind.Inputs, new[] { "Inputs." }) };
        for (int i = 0; i < plan.Inputs.Count; i++)
        {
            forward.Add(new Term(plan.Inputs[i], new Input(i), null));
        }
        foreach (LayerTerms layer in layers)
        {
            layer.Forward(forward);
        }

        var backward = new List<DerivationStep>();
        var loss = new LossTerms(plan);
        loss.Errors(backward);
        int last = plan.Layers.Count - 1;
        loss.OutputDeltas(layers[last], backward);
        layers[last].Gradients(backward);
        // Deltas are needed down to the first layer with parameters: nothing below it learns.
        int first = 0;
        while (first < last && !plan.Layers[first].HasParameters)
        {
            first++;
        }
        for (int k = last - 1; k >= first; k--)
        {
            Deltas(layers[k], layers[k + 1], backward);
            if (layers[k].HasActivation)
            {
                layers[k].ActivationChain(backward);
            }
            layers[k].Gradients(backward);
        }

        var outputs = new List<string>();
        foreach (string unit in plan.Output.Units)
        {
            outputs.Add("out_" + unit);
        }
        return new Derivation(forward, backward, outputs, InParameterOrder(plan, backward));
    }

    /// <summary>dE/dout of each unit of <paramref name="layer"/>: the sum of what every unit of <paramref name="next"/> that reads it passes back.</summary>
    private static void Deltas(LayerTerms layer, LayerTerms next, List<DerivationStep> steps)
    {
        next.BeginSourceDeltas(steps, layer.Layer);
        IReadOnlyList<string> units = layer.Layer.Units;
        for (int i = 0; i < units.Count; i++)
        {
            string u = units[i];
            IReadOnlyList<(Expr Term, string Words)> shares = next.SourceDelta(i);
            steps.Add(shares.Count == 0
                ? new Term("dE_dout_" + u, new Lit(0), $"dE/dout_{u} = 0: no unit of layer {next.Layer.Name} reads out_{u}")
                : new Term("dE_dout_" + u, E.Sum(shares.Select(s => s.Term).ToList()),
                    $"dE/dout_{u} = {string.Join(" + ", shares.Select(s => s.Words))}"));
        }
    }

    private static IReadOnlyList<GradientTerm> InParameterOrder(NetworkPlan plan, List<DerivationStep> steps)
    {
        var byIndex = new GradientTerm?[plan.ParameterCount];
        foreach (DerivationStep step in steps)
        {
            if (step is GradientTerm gradient)
            {
                byIndex[gradient.Parameter.Index] = gradient;
            }
        }
        var ordered = new List<GradientTerm>();
        foreach (GradientTerm? gradient in byIndex)
        {
            if (gradient is not null)
            {
                ordered.Add(gradient);
            }
        }
        return ordered;
    }
}
