using System.Collections.Generic;

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
        var layers = new List<DenseLayerTerms>(plan.Layers.Count);
        foreach (PlannedLayer layer in plan.Layers)
        {
            layers.Add(new DenseLayerTerms(layer, slope));
        }

        var forward = new List<DerivationStep> { new Section(SectionKind.Inputs, new[] { "Inputs." }) };
        for (int i = 0; i < plan.Inputs.Count; i++)
        {
            forward.Add(new Term(plan.Inputs[i], new Input(i), null));
        }
        foreach (DenseLayerTerms layer in layers)
        {
            layer.Forward(forward);
        }

        var backward = new List<DerivationStep>();
        var loss = new LossTerms(plan);
        loss.Errors(backward);
        int last = plan.Layers.Count - 1;
        loss.OutputDeltas(layers[last], backward);
        layers[last].Gradients(backward);
        for (int k = last - 1; k >= 0; k--)
        {
            layers[k].HiddenDeltas(plan.Layers[k + 1], backward);
            layers[k].Gradients(backward);
        }

        var outputs = new List<string>();
        foreach (string unit in plan.Output.Units)
        {
            outputs.Add("out_" + unit);
        }
        return new Derivation(forward, backward, outputs, InParameterOrder(plan, backward));
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
