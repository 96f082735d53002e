namespace NetGen.Tests.Recurrent;

/// <summary>Explain walks backpropagation through time of an unrolled recurrent network with the numbers it computes.</summary>
public class RecurrentExplainTests
{
    // Two steps of three values.
    private static readonly double[] Sequence = { 0.9, -0.3, 0.4, 0.8, -0.6, 0.2 };

    private static readonly double[] Target = { 0.5, -0.25 };

    [Fact]
    public void ExplainStep_takes_the_same_step_as_TrainStep() =>
        ExplainTests.AssertExplainStepsLikeTrainStep<UnrolledTwoStepRnnNet, double>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), Sequence, Target);

    [Fact]
    public void Explain_reports_backpropagation_through_time_step_by_step()
    {
        var net = new UnrolledTwoStepRnnNet();
        var random = new Random(11);
        for (int k = 0; k < UnrolledTwoStepRnnNet.ParameterCount; k++)
        {
            net.Parameters[k] = random.NextDouble() - 0.5;
        }
        var recorder = new ExplanationRecorder<double>();
        double loss = net.Explain(Sequence, Target, recorder);
        var gradient = new double[UnrolledTwoStepRnnNet.ParameterCount];
        Assert.Equal(net.Backward(Sequence, Target, gradient), loss);
        ref UnrolledTwoStepRnnNet.ParameterSet p = ref net.Params;

        // Forward: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) from h_0 = 0.
        double[] h1 = new double[2], h2 = new double[2];
        for (int j = 0; j < 2; j++)
        {
            h1[j] = Math.Tanh(Row(net, j, Sequence.AsSpan(0, 3), new double[2]));
        }
        for (int j = 0; j < 2; j++)
        {
            h2[j] = Math.Tanh(Row(net, j, Sequence.AsSpan(3, 3), h1));
        }
        Assert.Equal(h1[0], recorder["out_h1_t1_1"], 1e-15);
        Assert.Equal(h2[1], recorder["out_h1_t2_2"], 1e-15);

        // Step 2's state gets its gradient from the output layer only; step 1's from step 2 only, through W_hh.
        Assert.Equal(recorder["dE_dout_h1_t2_1"], recorder["dE_dh1_t2_1"]);
        double fromStep2 = recorder["dE_dsum_h1_t2_1"] * p.w_h1_1_h1_2 + recorder["dE_dsum_h1_t2_2"] * p.w_h1_2_h1_2;
        Assert.Equal(fromStep2, recorder["dE_dh1_t1_2"], 1e-15);
        Assert.Equal(recorder["dE_dh1_t1_2"] * (1 - h1[1] * h1[1]), recorder["dE_dsum_h1_t1_2"], 1e-15);
        Assert.Equal("dE_dsum_h1_t2_1 * w_h1_1_h1_2 + dE_dsum_h1_t2_2 * w_h1_2_h1_2", recorder.Entries.Single(e => e.Name == "dE_dh1_t1_2").Formula);

        // A weight is shared by both steps: its gradient is the sum over them, and it is Backward's.
        double shared = recorder["dE_dsum_h1_t1_1"] * Sequence[1] + recorder["dE_dsum_h1_t2_1"] * Sequence[4];
        Assert.Equal(shared, recorder["dE_dw_h1_1_i2"], 1e-15);
        Assert.Equal(gradient[1], recorder["dE_dw_h1_1_i2"]);
        Assert.Equal("dE_dsum_h1_t1_1 * i_t1_2 + dE_dsum_h1_t2_1 * i_t2_2", recorder.Entries.Single(e => e.Name == "dE_dw_h1_1_i2").Formula);

        // The recurrent weight only sees step 2 (step 1 reads the zero state).
        Assert.Equal(recorder["dE_dsum_h1_t2_2"] * h1[0], recorder["dE_dw_h1_2_h1_1"], 1e-15);
    }

    /// <summary>Row j of W_ih x + b_ih + W_hh h + b_hh, read from the flat parameters in PyTorch's order.</summary>
    private static double Row(UnrolledTwoStepRnnNet net, int j, ReadOnlySpan<double> x, double[] h)
    {
        Span<double> p = net.Parameters;
        // weight_ih [2, 3], weight_hh [2, 2], bias_ih [2], bias_hh [2]
        double sum = 0;
        for (int f = 0; f < 3; f++)
        {
            sum += p[j * 3 + f] * x[f];
        }
        sum += p[10 + j];
        for (int m = 0; m < 2; m++)
        {
            sum += p[6 + j * 2 + m] * h[m];
        }
        return sum + p[12 + j];
    }
}
