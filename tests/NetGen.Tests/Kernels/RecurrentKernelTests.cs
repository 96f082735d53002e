using NetGen.Runtime;

namespace NetGen.Tests.Kernels;

/// <summary>
/// RecurrentKernels against plain per-step loops of PyTorch's equations over random shapes (short and long rows,
/// so that the vector paths and their scalar tails both run): Forward's states, Step's bits, and Backward's gate
/// gradients turned into parameter and input gradients against central finite differences.
/// </summary>
public class RecurrentKernelTests
{
    public static TheoryData<RecurrentCell, int, int, int> Shapes => new()
    {
        { RecurrentCell.TanhRnn, 4, 3, 5 },
        { RecurrentCell.ReluRnn, 3, 2, 9 },
        { RecurrentCell.Gru, 5, 2, 3 },
        { RecurrentCell.Gru, 3, 9, 8 },
        { RecurrentCell.Lstm, 4, 1, 4 },
        { RecurrentCell.Lstm, 2, 6, 11 },
        { RecurrentCell.Gru, 1, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_plain_loops_and_step_matches_forward_bit_for_bit(RecurrentCell cell, int steps, int features, int hidden)
    {
        var shape = new RecurrentShape(cell, steps, features, hidden);
        var (p, x) = Draw(shape, seed: steps * 100 + hidden);
        double[] states = new double[steps * hidden], cache = new double[steps * shape.CachePerStep], work = new double[shape.WorkSize];
        RecurrentKernels.Forward(in shape, p, x, states, cache, work);
        double[] expected = Plain(shape, p, x);
        for (int k = 0; k < states.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - states[k]) <= 1e-14, $"state {k}: {states[k]:R}, plain loops {expected[k]:R}");
        }
        var state = new double[shape.StateSize];
        for (int t = 0; t < steps; t++)
        {
            RecurrentKernels.Step(in shape, p, x.AsSpan(t * features, features), state, work);
            Assert.Equal(states.AsSpan(t * hidden, hidden).ToArray(), state.AsSpan(0, hidden).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_gives_the_finite_difference_gradients(RecurrentCell cell, int steps, int features, int hidden)
    {
        var shape = new RecurrentShape(cell, steps, features, hidden);
        var (p, x) = Draw(shape, seed: steps * 7 + hidden);
        var random = new Random(hidden);
        // E = sum over steps and units of c * h: dE/dh_t = c at every step, as a sequence output sends it.
        double[] c = Enumerable.Range(0, steps * hidden).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double Loss(double[] parameters, double[] input) => Plain(shape, parameters, input).Zip(c, (h, w) => h * w).Sum();

        double[] states = new double[steps * hidden], cache = new double[steps * shape.CachePerStep], work = new double[shape.WorkSize];
        RecurrentKernels.Forward(in shape, p, x, states, cache, work);
        double[] dh = (double[])c.Clone(), gates = new double[steps * shape.GateGradientPerStep], dx = new double[x.Length];
        RecurrentKernels.Backward(in shape, p, x, states, cache, dh, gates, dx, work);
        double[] gradient = Enumerable.Repeat(0.5, p.Length).ToArray();
        RecurrentKernels.AddParameterGradient(2.0, in shape, x, states, gates, gradient, biases: true);

        const double step = 1e-6;
        for (int k = 0; k < p.Length; k++)
        {
            double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
            plus[k] += step;
            minus[k] -= step;
            double numeric = (Loss(plus, x) - Loss(minus, x)) / (2 * step);
            // Added twice (scale 2) to the 0.5 already there.
            Assert.True(Math.Abs(0.5 + 2 * numeric - gradient[k]) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"parameter {k}: {gradient[k]:R}, numeric 0.5 + 2 x {numeric:R}");
        }
        for (int k = 0; k < x.Length; k++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[k] += step;
            minus[k] -= step;
            double numeric = (Loss(p, plus) - Loss(p, minus)) / (2 * step);
            Assert.True(Math.Abs(numeric - dx[k]) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"input {k}: {dx[k]:R}, numeric {numeric:R}");
        }

        // Frozen biases get nothing.
        double[] frozen = new double[p.Length];
        RecurrentKernels.AddParameterGradient(1.0, in shape, x, states, gates, frozen, biases: false);
        Assert.All(frozen.AsSpan(shape.InputBiasOffset).ToArray(), v => Assert.Equal(0.0, v));
        Assert.Contains(frozen.AsSpan(0, shape.InputBiasOffset).ToArray(), v => v != 0);
    }

    private static (double[] Parameters, double[] Input) Draw(RecurrentShape shape, int seed)
    {
        var random = new Random(seed);
        double[] p = Enumerable.Range(0, shape.ParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] x = Enumerable.Range(0, shape.Steps * shape.Features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        if (shape.Cell == RecurrentCell.ReluRnn)
        {
            // Away from ReLU's kink, where finite differences mean nothing: positive biases.
            for (int r = 0; r < shape.GateRows; r++)
            {
                p[shape.InputBiasOffset + r] = 1 + random.NextDouble();
            }
        }
        return (p, x);
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>PyTorch's equations, one step after another, every product written out.</summary>
    private static double[] Plain(RecurrentShape s, double[] p, double[] x)
    {
        int h = s.Hidden, f = s.Features, rows = s.GateRows;
        var states = new double[s.Steps * h];
        double[] state = new double[h], cell = new double[h];
        for (int t = 0; t < s.Steps; t++)
        {
            double[] gi = new double[rows], gh = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                gi[r] = p[s.InputBiasOffset + r];
                gh[r] = p[s.RecurrentBiasOffset + r];
                for (int i = 0; i < f; i++)
                {
                    gi[r] += p[r * f + i] * x[t * f + i];
                }
                for (int m = 0; m < h; m++)
                {
                    gh[r] += p[s.RecurrentWeightOffset + r * h + m] * state[m];
                }
            }
            var next = new double[h];
            for (int j = 0; j < h; j++)
            {
                switch (s.Cell)
                {
                    case RecurrentCell.Gru:
                        double rr = Sigmoid(gi[j] + gh[j]), z = Sigmoid(gi[h + j] + gh[h + j]);
                        double n = Math.Tanh(gi[2 * h + j] + rr * gh[2 * h + j]);
                        next[j] = (1 - z) * n + z * state[j];
                        break;
                    case RecurrentCell.Lstm:
                        cell[j] = Sigmoid(gi[h + j] + gh[h + j]) * cell[j] + Sigmoid(gi[j] + gh[j]) * Math.Tanh(gi[2 * h + j] + gh[2 * h + j]);
                        next[j] = Sigmoid(gi[3 * h + j] + gh[3 * h + j]) * Math.Tanh(cell[j]);
                        break;
                    case RecurrentCell.ReluRnn:
                        next[j] = Math.Max(gi[j] + gh[j], 0);
                        break;
                    default:
                        next[j] = Math.Tanh(gi[j] + gh[j]);
                        break;
                }
            }
            state = next;
            Array.Copy(state, 0, states, t * h, h);
        }
        return states;
    }
}
