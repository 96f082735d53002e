using NetGen;
using NetGen.Tests.Training;

namespace NetGen.Tests.Recurrent;

/// <summary>
/// Recurrent initialisation: Glorot input blocks, orthogonal hidden-to-hidden blocks per gate, zero biases with an
/// LSTM forget bias of 1, PyTorch's uniform scheme on request, all seeded and reproducible.
/// </summary>
public class RecurrentInitializationTests
{
    /// <summary>Gate g's H x H block of weight_hh, which follows weight_ih [G*H, F].</summary>
    private static double[,] HiddenBlock(ReadOnlySpan<double> p, LayerInfo layer, int gate)
    {
        int h = layer.HiddenSize, start = layer.ParameterOffset + layer.GateCount * h * layer.FanIn + gate * h * h;
        var block = new double[h, h];
        for (int r = 0; r < h; r++)
        {
            for (int c = 0; c < h; c++)
            {
                block[r, c] = p[start + r * h + c];
            }
        }
        return block;
    }

    private static double LargestOffIdentity(double[,] q, bool rows)
    {
        int n = q.GetLength(0);
        double worst = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                double dot = 0;
                for (int k = 0; k < n; k++)
                {
                    dot += rows ? q[a, k] * q[b, k] : q[k, a] * q[k, b];
                }
                worst = Math.Max(worst, Math.Abs(dot - (a == b ? 1 : 0)));
            }
        }
        return worst;
    }

    [Fact]
    public void Each_gates_hidden_block_is_orthogonal_to_1e_12()
    {
        var net = new RecurrentDouble<WideLstm, double>();
        ParameterInitializer.Initialize(net, 4);
        LayerInfo lstm = RecurrentDouble<WideLstm, double>.Layers[0];
        var blocks = Enumerable.Range(0, 4).Select(g => HiddenBlock(net.Parameters, lstm, g)).ToArray();
        foreach (double[,] q in blocks)
        {
            Assert.InRange(LargestOffIdentity(q, rows: true), 0, 1e-12);  // Q Q^T = I
            Assert.InRange(LargestOffIdentity(q, rows: false), 0, 1e-12); // Q^T Q = I
        }
        // Four independent draws, not one block repeated.
        Assert.NotEqual(blocks[0][0, 0], blocks[1][0, 0]);
        Assert.NotEqual(blocks[2][3, 5], blocks[3][3, 5]);
    }

    [Fact]
    public void A_float_network_gets_the_same_orthogonal_blocks_rounded_to_float()
    {
        var single = new RecurrentDouble<WideLstm, float>();
        var twin = new RecurrentDouble<WideLstm, double>();
        ParameterInitializer.Initialize(single, 9);
        ParameterInitializer.Initialize(twin, 9);
        Assert.Equal(twin.Parameters.ToArray().Select(v => (float)v), single.Parameters.ToArray());
        double[,] q = HiddenBlock(single.Parameters.ToArray().Select(v => (double)v).ToArray(), RecurrentDouble<WideLstm, float>.Layers[0], 2);
        Assert.InRange(LargestOffIdentity(q, rows: true), 0, 1e-6);
    }

    [Fact]
    public void Input_weights_are_Glorot_per_gate_block_and_biases_zero_but_the_LSTM_forget_gate_input_bias()
    {
        var net = new RecurrentDouble<LstmSequence, double>();
        net.Parameters.Fill(7);
        ParameterInitializer.Initialize(net, 1);
        double[] p = net.Parameters.ToArray();
        // weight_ih [16, 3]: fan_in 3 features, fan_out 4 hidden units per gate block.
        double limit = Math.Sqrt(6.0 / (3 + 4));
        double[] inputWeights = p[..48];
        Assert.All(inputWeights, w => Assert.InRange(Math.Abs(w), 0, limit));
        Assert.True(inputWeights.Max(Math.Abs) > 0.8 * limit, "the draws should fill the Glorot range");
        // bias_ih [i, f, g, o] x 4, then bias_hh: only bias_ih's f rows are 1 (Keras's unit_forget_bias).
        double[] biases = p[112..144];
        Assert.Equal([.. Enumerable.Repeat(0.0, 4), .. Enumerable.Repeat(1.0, 4), .. Enumerable.Repeat(0.0, 24)], biases);
        // The per-step head: Glorot with fan_in 4 features per step, fan_out 2 units; zero biases.
        Assert.All(p[144..152], w => Assert.InRange(Math.Abs(w), 0, Math.Sqrt(6.0 / (4 + 2))));
        Assert.Equal([0.0, 0.0], p[152..]);
        Assert.DoesNotContain(7.0, p);
    }

    [Fact]
    public void A_GRU_has_no_forget_bias_and_He_widens_only_the_input_weights()
    {
        var glorot = new RecurrentDouble<Gru4x2, double>();
        var he = new RecurrentDouble<Gru4x2, double>();
        ParameterInitializer.Initialize(glorot, 2, InitializationScheme.Glorot);
        ParameterInitializer.Initialize(he, 2, InitializationScheme.He);
        Assert.All(glorot.Parameters[45..63].ToArray(), b => Assert.Equal(0.0, b));
        // Same draws, scaled: He's sqrt(6 / 2) over Glorot's sqrt(6 / 5) for the 18 input weights; orthogonal blocks equal.
        double ratio = Math.Sqrt(6.0 / 2) / Math.Sqrt(6.0 / 5);
        for (int k = 0; k < 18; k++)
        {
            Assert.Equal(glorot.Parameters[k] * ratio, he.Parameters[k], 1e-15);
        }
        Assert.Equal(glorot.Parameters[18..45].ToArray(), he.Parameters[18..45].ToArray());
    }

    [Fact]
    public void The_same_seed_gives_the_same_bits_and_another_seed_other_values()
    {
        var a = new RecurrentDouble<Stacked, double>();
        var b = new RecurrentDouble<Stacked, double>();
        var c = new RecurrentDouble<Stacked, double>();
        ParameterInitializer.Initialize(a, 7);
        ParameterInitializer.Initialize(b, 7);
        ParameterInitializer.Initialize(c, 8);
        Assert.Equal(TestData.Bits(a.Parameters), TestData.Bits(b.Parameters));
        Assert.NotEqual(TestData.Bits(a.Parameters), TestData.Bits(c.Parameters));
        // The second layer (gru2 over rnn3's 3 features) is orthogonal too.
        LayerInfo gru = RecurrentDouble<Stacked, double>.Layers[1];
        for (int g = 0; g < 3; g++)
        {
            Assert.InRange(LargestOffIdentity(HiddenBlock(a.Parameters, gru, g), rows: true), 0, 1e-12);
        }
    }

    [Fact]
    public void Frozen_recurrent_biases_keep_their_values_and_the_draws_do_not_shift()
    {
        var frozen = new RecurrentDouble<WideLstm, double>();
        frozen.Parameters.Fill(0.3);
        ParameterInitializer.Initialize(frozen, 5);
        Assert.All(frozen.Parameters[1152..1280].ToArray(), b => Assert.Equal(0.3, b));
        // WideLstm freezes only the recurrent biases; its weights match an all-trainable draw's bit for bit.
        Assert.DoesNotContain(0.3, frozen.Parameters[..1152].ToArray());
    }

    [Fact]
    public void The_PyTorch_scheme_draws_everything_from_plus_minus_one_over_sqrt_hidden()
    {
        var net = new RecurrentDouble<LstmSequence, double>();
        ParameterInitializer.Initialize(net, 3, InitializationScheme.PyTorch);
        double[] p = net.Parameters.ToArray();
        double bound = 1 / Math.Sqrt(4);
        double[] lstm = p[..144];
        Assert.All(lstm, v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.True(lstm.Max(Math.Abs) > 0.95 * bound);
        Assert.True(p[112..144].All(b => b != 0), "PyTorch draws recurrent biases too");
        // nn.Linear's default: weights and biases from +-1/sqrt(fan_in), fan_in 4 features per step.
        Assert.All(p[144..], v => Assert.InRange(Math.Abs(v), 0, 1 / Math.Sqrt(4)));
        Assert.True(p[152..].All(b => b != 0));
        // Not orthogonal: PyTorch's hidden blocks are uniform.
        Assert.InRange(LargestOffIdentity(HiddenBlock(p, RecurrentDouble<LstmSequence, double>.Layers[0], 0), rows: true), 0.05, double.MaxValue);
    }

    [Fact]
    public void The_PyTorch_scheme_gives_a_dense_network_nn_Linear_ranges()
    {
        var net = new MixedNet();
        ParameterInitializer.Initialize(net, 3, InitializationScheme.PyTorch);
        double[] firstLayer = net.Parameters[..(20 * 50 + 50)].ToArray();
        Assert.All(firstLayer, v => Assert.InRange(Math.Abs(v), 0, 1 / Math.Sqrt(20)));
        Assert.True(firstLayer[1000..].All(b => b != 0));
    }

    [Fact]
    public void An_undefined_scheme_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInitializer.Initialize(new RecurrentDouble<Gru4x2, double>(), 1, (InitializationScheme)9));
    }
}
