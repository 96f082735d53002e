using System.Collections.Generic;

namespace NetGen.Generator.Planning;

/// <summary>
/// PyTorch's nn.LSTM cell, gates i, f, g, o: i = sigmoid(sum_i), f = sigmoid(sum_f), g = tanh(sum_g),
/// o = sigmoid(sum_o), each sum = W_ih x + b_ih + W_hh h + b_hh; c' = f * c + i * g, h' = o * tanh(c'). The cell
/// state is <c>out_c1_t3_2</c>, its tanh <c>tanh_c1_t3_2</c>, the gradient reaching it <c>dE_dc1_t3_2</c>.
/// </summary>
internal sealed class LstmTerms : RecurrentTerms
{
    private const int I = 0, F = 1, G = 2, O = 3;

    public LstmTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
    }

    public override IReadOnlyList<string> StateLetters => new[] { "h", "c" };

    protected override string CellName => "LSTM";

    protected override IReadOnlyList<string> Equations => new[]
    {
        "i, f, o = sigmoid(sum), g = tanh(sum), each sum = w_ih . x_t + b_ih + w_hh . h_{t-1} + b_hh (PyTorch's i, f, g, o rows);",
        "c_t = f * c_{t-1} + i * g, h_t = o * tanh(c_t).",
    };

    public override void ForwardStep(List<DerivationStep> steps, int t, bool fromZero)
    {
        for (int j = 0; j < Hidden; j++)
        {
            for (int g = 0; g < 4; g++)
            {
                string sum = Name("sum_", Layer.Gates[g], t, j);
                steps.Add(new Term(sum, GateSum(g, j, t, fromZero), null));
                steps.Add(new Term(Name("out_", Layer.Gates[g], t, j), g == G ? E.Tanh(new Ref(sum)) : Sigmoid(new Ref(sum)), null));
            }
            Expr fresh = Out("i", t, j) * Out("g", t, j);
            steps.Add(new Term(Name("out_", "c", t, j), fromZero ? fresh : Out("f", t, j) * Out("c", t - 1, j) + fresh, null));
            steps.Add(new Term(Name("tanh_", "c", t, j), E.Tanh(Out("c", t, j)), null));
            steps.Add(new Term(Name("out_", "h", t, j), Out("o", t, j) * new Ref(Name("tanh_", "c", t, j)), null));
        }
    }

    protected override void StepDeltas(List<DerivationStep> steps, int t)
    {
        for (int j = 0; j < Hidden; j++)
        {
            Ref dh = new(Name("dE_d", "h", t, j)), i = Out("i", t, j), f = Out("f", t, j), g = Out("g", t, j), o = Out("o", t, j);
            Ref tanhC = new(Name("tanh_", "c", t, j));
            string c = Layer.StateName("c", t, j + 1), h = Layer.StateName("h", t, j + 1);
            Expr fromState = dh * o * TanhSlope(tanhC);
            bool last = t == Steps;
            string next = Name("dE_d", "c", t + 1, j), nextF = Name("out_", "f", t + 1, j);
            steps.Add(new Term("dE_d" + c, last ? fromState : fromState + new Ref(next) * new Ref(nextF),
                last ? $"dE/d{c} = dE/d{h} * dh/dc (= {o.Name} * (1 - {tanhC.Name}^2))"
                     : $"dE/d{c} = from h at this step (dE/d{h} * {o.Name} * (1 - {tanhC.Name}^2)) + from step {Count(t + 1)} ({Words(next)} * {nextF}, as c_t+1 = f * c_t + i * g)"));
            Ref dc = new("dE_d" + c);
            Delta(steps, O, t, j, dh * tanhC * SigmoidSlope(o), $"dE/d{h} * dh/do (= {tanhC.Name}) * sigmoid' (= o (1 - o))");
            Delta(steps, I, t, j, dc * g * SigmoidSlope(i), $"dE/d{c} * dc/di (= {g.Name}) * sigmoid' (= i (1 - i))");
            Delta(steps, G, t, j, dc * i * TanhSlope(g), $"dE/d{c} * dc/dg (= {i.Name}) * tanh' (= 1 - g^2)");
            if (t == 1)
            {
                steps.Add(new Term(Name("dE_dsum_", "f", t, j), new Lit(0), $"dE/dsum_f{Count(Layer.Number)}_t1_{Count(j + 1)} = 0: f multiplies the cell before step 1, which is zero"));
            }
            else
            {
                Delta(steps, F, t, j, dc * Out("c", t - 1, j) * SigmoidSlope(f), $"dE/d{c} * dc/df (= {Name("out_", "c", t - 1, j)}) * sigmoid' (= f (1 - f))");
            }
        }
    }

    private void Delta(List<DerivationStep> steps, int gate, int t, int j, Expr value, string why)
    {
        string name = Name("dE_dsum_", Layer.Gates[gate], t, j);
        steps.Add(new Term(name, value, $"{Words(name)} = {why}"));
    }
}
