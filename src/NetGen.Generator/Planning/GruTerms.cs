using System.Collections.Generic;

namespace NetGen.Generator.Planning;

/// <summary>
/// PyTorch's nn.GRU cell, the reset applied after the recurrent product: r = sigmoid(W_ir x + b_ir + W_hr h + b_hr),
/// z likewise, n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h. The recurrent part of n has
/// a name of its own, <c>sum_hn1_t3_2</c> (W_hn h + b_hn), and so does its gradient, <c>dE_dsum_hn1_t3_2</c>: it is
/// what the recurrent weights of n see.
/// </summary>
internal sealed class GruTerms : RecurrentTerms
{
    private const int R = 0, Z = 1, N = 2;

    public GruTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
    }

    protected override string CellName => "GRU";

    protected override IReadOnlyList<string> Equations => new[]
    {
        "r = sigmoid(sum_r), z = sigmoid(sum_z) with sum = w_ih . x_t + b_ih + w_hh . h_{t-1} + b_hh (PyTorch's r, z, n rows);",
        "n = tanh(sum_n), sum_n = w_in . x_t + b_in + r * sum_hn, sum_hn = w_hn . h_{t-1} + b_hn; h_t = (1 - z) * n + z * h_{t-1}.",
    };

    public override void ForwardStep(List<DerivationStep> steps, int t, bool fromZero)
    {
        for (int j = 0; j < Hidden; j++)
        {
            foreach (int g in new[] { R, Z })
            {
                string sum = Name("sum_", Layer.Gates[g], t, j);
                steps.Add(new Term(sum, GateSum(g, j, t, fromZero), null));
                steps.Add(new Term(Name("out_", Layer.Gates[g], t, j), Sigmoid(new Ref(sum)), null));
            }
            string hn = Name("sum_", "hn", t, j);
            steps.Add(new Term(hn, E.Sum(GateTerms(N, j, t, fromZero, inputPart: false)), "The recurrent part of n, which the reset gate scales."));
            List<Expr> n = GateTerms(N, j, t, fromZero, hiddenPart: false);
            n.Add(Out("r", t, j) * new Ref(hn));
            string sumN = Name("sum_", "n", t, j);
            steps.Add(new Term(sumN, new Add(n), null));
            steps.Add(new Term(Name("out_", "n", t, j), E.Tanh(new Ref(sumN)), null));
            Expr fresh = (1.0 - Out("z", t, j)) * Out("n", t, j);
            steps.Add(new Term(Name("out_", "h", t, j), fromZero ? fresh : fresh + Out("z", t, j) * Out("h", t - 1, j), null));
        }
    }

    protected override string InputDelta(int g, int t, int j) => Name("dE_dsum_", Layer.Gates[g], t, j);

    protected override string HiddenDelta(int g, int t, int j) => g == N ? Name("dE_dsum_", "hn", t, j) : InputDelta(g, t, j);

    protected override string GateWords(int t) => $"dE/dsum_{{gate}}{Count(Layer.Number)}_t{Count(t)}_j (for n, dE/dsum_hn{Count(Layer.Number)}_t{Count(t)}_j)";

    protected override IEnumerable<(Expr Term, string Words)> DirectFromNext(int t, int m)
    {
        string next = Layer.StateName("h", t + 1, m + 1), z = Name("out_", "z", t + 1, m);
        yield return (new Ref("dE_d" + next) * new Ref(z), $"directly: dE/d{next} * {z}, as h_t+1 holds z * h_t");
    }

    protected override void StepDeltas(List<DerivationStep> steps, int t)
    {
        for (int j = 0; j < Hidden; j++)
        {
            Ref dh = new(Name("dE_d", "h", t, j)), r = Out("r", t, j), z = Out("z", t, j), n = Out("n", t, j);
            string h = Layer.StateName("h", t, j + 1), previous = t == 1 ? "0 (the state before step 1)" : Name("out_", "h", t - 1, j);
            string sumN = Name("dE_dsum_", "n", t, j), sumHn = Name("sum_", "hn", t, j);
            steps.Add(new Term(sumN, dh * (1.0 - z) * TanhSlope(n), $"{Words(sumN)} = dE/d{h} * dh/dn (= 1 - {z.Name}) * tanh' (= 1 - {n.Name}^2)"));
            string deltaHn = Name("dE_dsum_", "hn", t, j);
            steps.Add(new Term(deltaHn, new Ref(sumN) * r, $"{Words(deltaHn)} = {Words(sumN)} * {r.Name} (n's sum holds r * {sumHn})"));
            string deltaR = Name("dE_dsum_", "r", t, j);
            steps.Add(new Term(deltaR, new Ref(sumN) * new Ref(sumHn) * SigmoidSlope(r),
                $"{Words(deltaR)} = {Words(sumN)} * dsum_n/dr (= {sumHn}) * sigmoid' (= r (1 - r))"));
            Expr dhdz = t == 1 ? -n : Out("h", t - 1, j) - n;
            string deltaZ = Name("dE_dsum_", "z", t, j);
            steps.Add(new Term(deltaZ, dh * dhdz * SigmoidSlope(z),
                $"{Words(deltaZ)} = dE/d{h} * dh/dz (= h_t-1 - n, h_t-1 = {previous}) * sigmoid' (= z (1 - z))"));
        }
    }
}
