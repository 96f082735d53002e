using NetGen.Runtime;

namespace NetGen.Tests.Spatial;

/// <summary>
/// Loop-style convolutional networks as a user has them: Forward against a plain nested-loop reference with PyTorch's
/// semantics, the batch against per-sample calls, zero allocation on every entry point, and Explain in the unrolled
/// code's names and order, taking TrainStep's step.
/// </summary>
public class LoopConvolutionTests
{
    [Fact]
    public void Forward_of_a_loop_style_Conv2D_network_matches_a_naive_reference()
    {
        var net = new LoopImageNet();
        RandomParameters.Fill(net, 21, scale: 0.5);
        double[] p = net.Parameters.ToArray();
        for (int sample = 0; sample < 5; sample++)
        {
            double[] x = RandomParameters.Vector(64, 100 + sample);
            var conv = new WindowShape(1, 8, 8, 4, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1);
            double[] sums = NaiveConvolution.Forward(conv, x, p[..36], p[36..40]);
            double[] relu = sums.Select(s => Math.Max(s, 0)).ToArray();
            double[] pooled = NaiveConvolution.Pool(new WindowShape(4, 8, 8, 4, 4, 4, 2, 2, 2, 2, 1, 1, 0, 0), relu, max: true, out _);
            double[] logits = Enumerable.Range(0, 10).Select(j => p[40 + 640 + j] + Enumerable.Range(0, 64).Sum(i => p[40 + j * 64 + i] * pooled[i])).ToArray();
            double max = logits.Max(), total = logits.Sum(l => Math.Exp(l - max));
            double[] expected = logits.Select(l => Math.Exp(l - max) / total).ToArray();

            var output = new double[10];
            net.Forward(x, output);
            for (int k = 0; k < 10; k++)
            {
                Assert.True(Math.Abs(expected[k] - output[k]) < 1e-14, $"sample {sample}, output {k}: {output[k]:R}, expected {expected[k]:R}");
            }
        }
    }

    [Fact]
    public void BackwardBatch_is_the_sum_of_Backward_and_TrainStep_is_Backward_then_SGD()
    {
        var net = new LoopStridedNet();
        RandomParameters.Fill(net, 5, scale: 0.5);
        const int rows = 7;
        double[] inputs = RandomParameters.Vector(LoopStridedNet.InputCount * rows, 6), targets = RandomParameters.Vector(4 * rows, 7);
        var sum = new double[LoopStridedNet.ParameterCount];
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            loss += net.Backward(inputs.AsSpan(r * 162, 162), targets.AsSpan(r * 4, 4), sum);
        }
        var batch = new double[LoopStridedNet.ParameterCount];
        Assert.Equal(loss, net.BackwardBatch(inputs, targets, batch), 12);
        for (int k = 0; k < batch.Length; k++)
        {
            Assert.True(Math.Abs(sum[k] - batch[k]) < 1e-12, $"gradient {k}: batch {batch[k]:R}, sum {sum[k]:R}");
        }
        // Frozen biases (TrainBiases = false) get no gradient; the convolution's weights do.
        Assert.All(sum[(3 * 2 * 9)..(3 * 2 * 9 + 3)], g => Assert.Equal(0, g));
        Assert.Contains(sum[..54], g => g != 0);

        double[] before = net.Parameters.ToArray();
        var one = new double[before.Length];
        double backwardLoss = net.Backward(inputs.AsSpan(0, 162), targets.AsSpan(0, 4), one);
        Assert.Equal(backwardLoss, net.TrainStep(inputs.AsSpan(0, 162), targets.AsSpan(0, 4), 0.1));
        for (int k = 0; k < before.Length; k++)
        {
            Assert.Equal(before[k] - 0.1 * one[k], net.Parameters[k], 15);
        }
    }

    [Fact]
    public void Loop_style_convolutional_networks_allocate_zero_bytes()
    {
        ConvolutionAllocationTests.AssertNoAllocation(new LoopImageNet(), 1e-9);
        ConvolutionAllocationTests.AssertNoAllocation(new LoopSignalFloatNet(), 1e-9f);
        ConvolutionAllocationTests.AssertNoAllocation(new LoopStridedNet(), 1e-9);
    }

    [Fact]
    public void Loop_Explain_reports_the_unrolled_names_in_the_unrolled_order_with_the_same_values()
    {
        var unrolled = new ConvTwinUnrolled();
        var looped = new ConvTwinLooped();
        RandomParameters.Fill(unrolled, 9, scale: 0.6);
        unrolled.Parameters.CopyTo(looped.Parameters);
        Assert.Equal(ConvTwinUnrolled.ParameterNames.ToArray(), ConvTwinLooped.ParameterNames.ToArray());
        double[] input = RandomParameters.Vector(50, 10), target = { 0.3, -0.2 };
        var expected = new ExplanationRecorder<double>();
        var actual = new ExplanationRecorder<double>();
        double expectedLoss = unrolled.ExplainStep(input, target, 0.1, expected);
        double actualLoss = looped.ExplainStep(input, target, 0.1, actual);

        Assert.Equal(expectedLoss, actualLoss, 14);
        Assert.Equal(expected.Entries.Select(e => e.Name), actual.Entries.Select(e => e.Name));
        for (int k = 0; k < expected.Entries.Count; k++)
        {
            var (e, a) = (expected.Entries[k], actual.Entries[k]);
            Assert.True(Math.Abs(e.Value - a.Value) <= 1e-14 * Math.Max(1, Math.Abs(e.Value)), $"{e.Name}: unrolled {e.Value:R}, loops {a.Value:R}");
        }
        // The loops' formulas name the same terms: a shared kernel weight's gradient sums over its positions.
        var gradient = actual.Entries.First(e => e.Name == "dE_dw_c1_1_1_2_2");
        Assert.Contains("dE_dsum_c1_1_1_1 * i1_1_1", gradient.Formula);
    }

    [Fact]
    public void Loop_Explain_takes_the_same_step_as_TrainStep()
    {
        ExplainTests.AssertExplainStepsLikeTrainStep<ConvTwinLooped, double>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), RandomParameters.Vector(50, 12), new[] { 0.5, 0.1 });
        ExplainTests.AssertExplainStepsLikeTrainStep<LoopSignalFloatNet, float>((n, i, t, r, e) => n.ExplainStep(i, t, r, e),
            RandomParameters.Vector(192, 13).Select(v => (float)v).ToArray(), new[] { 1f, 0f });
    }
}
