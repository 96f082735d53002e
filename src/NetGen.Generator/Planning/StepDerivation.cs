using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The forward terms of one time step of a recurrent network, for the streaming Step: the step's inputs, each
/// per-step layer's terms of the last step (whose names are those of step T, reading the previous state as step
/// T-1's names, which Step declares from its state span), then any dense head on the last state. The terms are the
/// same builders' as Forward's, in the same order, so that T steps from a zero state give Forward's outputs exactly.
/// </summary>
internal sealed class StepDerivation
{
    private StepDerivation(IReadOnlyList<DerivationStep> forward, IReadOnlyList<string> outputs, IReadOnlyList<(string Previous, string Next)> state, int inputs)
    {
        Forward = forward;
        Outputs = outputs;
        State = state;
        InputCount = inputs;
    }

    /// <summary>The step's terms, inputs first.</summary>
    public IReadOnlyList<DerivationStep> Forward { get; }

    /// <summary>The terms that are the step's outputs, in order.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>
    /// Each state value in the state span's order (per recurrent layer its h, then an LSTM's c): the name the step
    /// reads it as (<c>out_h1_t4_2</c> for T = 5) and the name of its new value (<c>out_h1_t5_2</c>).
    /// </summary>
    public IReadOnlyList<(string Previous, string Next)> State { get; }

    /// <summary>Values read per step.</summary>
    public int InputCount { get; }

    /// <summary>
    /// Whether the network can run one step at a time: it has recurrent layers, and no layer reads a whole sequence
    /// at once (a dense layer after <c>flatten</c> needs every step's values before it can write anything).
    /// </summary>
    public static bool IsStreamable(NetworkPlan plan)
    {
        if (!plan.Spec.HasRecurrentLayers)
        {
            return false;
        }
        for (int k = 1; k < plan.Layers.Count; k++)
        {
            if (plan.Layers[k].Kind == LayerKind.Dense && plan.Layers[k - 1].IsPerStep && plan.Layers[k - 1].Spec.ReturnsSequence)
            {
                return false;
            }
        }
        return true;
    }

    public static StepDerivation Build(NetworkPlan plan)
    {
        double slope = plan.Spec.LeakyReLUSlope;
        int steps = plan.Spec.Steps, features = plan.Spec.InputDimensions[1];
        var forward = new List<DerivationStep> { new Section(SectionKind.Inputs, new[] { $"This step's inputs (named as step {CSharpText.Number(steps)}'s; the state holds what came before)." }) };
        for (int f = 0; f < features; f++)
        {
            forward.Add(new Term(plan.Inputs[(steps - 1) * features + f], new Input(f), null));
        }
        var state = new List<(string, string)>();
        foreach (PlannedLayer layer in plan.Layers)
        {
            LayerTerms terms = LayerTerms.For(layer, slope);
            if (terms is IStepTerms perStep)
            {
                forward.Add(perStep.Heading);
                perStep.ForwardStep(forward, steps, fromZero: false);
            }
            else
            {
                terms.Forward(forward);
            }
            if (terms is RecurrentTerms recurrent)
            {
                foreach (string letter in recurrent.StateLetters)
                {
                    for (int j = 1; j <= layer.Hidden; j++)
                    {
                        state.Add(("out_" + layer.StateName(letter, steps - 1, j), "out_" + layer.StateName(letter, steps, j)));
                    }
                }
            }
        }
        PlannedLayer output = plan.Output;
        IEnumerable<string> units = output.Kind == LayerKind.PerStepDense ? output.Units.Skip((steps - 1) * output.Hidden) : output.Units;
        return new StepDerivation(forward, units.Select(u => "out_" + u).ToList(), state, features);
    }
}
