using System.Collections.Generic;

namespace NetGen.Generator.Planning;

/// <summary>
/// PyTorch's nn.RNN cell: h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), act tanh or ReLU. Its one "gate" is the
/// state itself, letter h: <c>sum_h1_t3_2</c>, <c>out_h1_t3_2</c>, <c>dE_dsum_h1_t3_2</c>.
/// </summary>
internal sealed class SimpleRnnTerms : RecurrentTerms
{
    public SimpleRnnTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
    }

    protected override string CellName => $"SimpleRNN ({ActivationTerms.Name(Layer.Activation)})";

    protected override IReadOnlyList<string> Equations => new[]
    {
        $"h{Count(Layer.Number)}_t{{t}}_j = {ActivationTerms.Name(Layer.Activation)}(sum_h{Count(Layer.Number)}_t{{t}}_j), sum = w_ih . (step t's values) + b_ih + w_hh . (h at step t-1) + b_hh.",
    };

    public override void ForwardStep(List<DerivationStep> steps, int t, bool fromZero)
    {
        for (int j = 0; j < Hidden; j++)
        {
            string sum = Name("sum_", "h", t, j);
            steps.Add(new Term(sum, GateSum(0, j, t, fromZero), null));
            steps.Add(new Term(Name("out_", "h", t, j), ActivationTerms.Apply(Layer.Activation, new Ref(sum), Slope), null));
        }
    }

    protected override void StepDeltas(List<DerivationStep> steps, int t)
    {
        for (int j = 0; j < Hidden; j++)
        {
            string h = Layer.StateName("h", t, j + 1);
            steps.Add(new Term("dE_dsum_" + h,
                new Ref("dE_d" + h) * ActivationTerms.Derivative(Layer.Activation, new Ref("sum_" + h), new Ref("out_" + h), Slope),
                $"dE/dsum_{h} = dE/d{h} * dout/dsum ({ActivationTerms.DerivativeInWords(Layer.Activation, "out_" + h)})"));
        }
    }
}
