namespace NetGen.Tests;

/// <summary>Explain walks a convolutional network's backward pass term by term, with the numbers it computes.</summary>
public class ConvolutionExplainTests
{
    private static readonly double[] Signal = { 0.9, -0.3, 0.4, 0.8, -0.6, 0.2 };

    [Fact]
    public void Explain_takes_the_same_step_as_TrainStep() =>
        ExplainTests.AssertExplainStepsLikeTrainStep<SignalConvNet, double>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), Signal, new[] { 1.0, 0.0 });

    [Fact]
    public void Explain_reports_each_shared_weight_gradient_as_the_sum_over_the_positions_it_touched()
    {
        var net = new SignalConvNet();
        var random = new Random(5);
        for (int k = 0; k < SignalConvNet.ParameterCount; k++)
        {
            net.Parameters[k] = random.NextDouble() - 0.5;
        }
        var recorder = new ExplanationRecorder<double>();
        net.Explain(Signal, new[] { 1.0, 0.0 }, recorder);

        // conv3x2 over 6 samples: 4 positions per filter, so the first tap's gradient sums 4 products.
        double expected = 0;
        for (int position = 1; position <= 4; position++)
        {
            expected += recorder[$"dE_dsum_c1_1_{position}"] * Signal[position - 1];
        }
        Assert.Equal(expected, recorder["dE_dw_c1_1_1_1"], 1e-15);
        ExplanationRecorder<double>.Entry gradient = recorder.Entries.Single(e => e.Name == "dE_dw_c1_1_1_1");
        Assert.Equal("dE_dsum_c1_1_1 * i1_1 + dE_dsum_c1_1_2 * i1_2 + dE_dsum_c1_1_3 * i1_3 + dE_dsum_c1_1_4 * i1_4", gradient.Formula);

        // The max pool sends each window's gradient to its winner only.
        for (int window = 1; window <= 2; window++)
        {
            double first = recorder[$"out_c1_1_{2 * window - 1}"], second = recorder[$"out_c1_1_{2 * window}"];
            double winner = first >= second ? 0 : 1;
            Assert.Equal(winner, recorder[$"argmax_p2_1_{window}"]);
            double passed = recorder[$"dE_dout_p2_1_{window}"];
            Assert.Equal(winner == 0 ? passed : 0, recorder[$"dE_dout_c1_1_{2 * window - 1}"]);
            Assert.Equal(winner == 1 ? passed : 0, recorder[$"dE_dout_c1_1_{2 * window}"]);
        }
    }
}
