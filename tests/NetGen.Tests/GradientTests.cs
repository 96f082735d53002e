namespace NetGen.Tests;

/// <summary>Backward against central finite differences and an independent loop implementation.</summary>
public class GradientTests
{
    private const double Step = 1e-4;
    private const double Floor = 1e-6;

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 5).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Backward_matches_finite_differences_for_several_topologies(int seed)
    {
        AssertMatchesFiniteDifferences(new Net3x5x2(), seed);
        AssertMatchesFiniteDifferences(new Net1x4x1Shared(), seed);
        AssertMatchesFiniteDifferences(new Net6x3x4(), seed);
        AssertMatchesFiniteDifferences(new Net4x9x3Spaced(), seed);
        AssertMatchesFiniteDifferences(new PerNeuronNet(), seed);
    }

    private static void AssertMatchesFiniteDifferences<TNet>(TNet net, int seed)
        where TNet : INetwork<TNet, double>
    {
        RandomParameters.Fill(net, seed, scale: 2);
        double[] input = RandomParameters.Vector(TNet.InputCount, seed + 100);
        double[] target = RandomParameters.Vector(TNet.OutputCount, seed + 200, 0, 1);
        GradientCheck.Result result = GradientCheck.Run<TNet, double>(net, input, target, Step, Floor);
        Assert.True(result.MaxRelativeError < 1e-6,
            $"{typeof(TNet).Name}: parameter {TNet.ParameterNames[result.WorstParameter]} analytic {result.Analytic:R} numeric {result.Numeric:R} (relative error {result.MaxRelativeError:E2})");
        Assert.Equal(TNet.ParameterCount, result.Checked);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Backward_matches_an_independent_loop_implementation(int seed)
    {
        var net = new Net4x9x3Spaced();
        RandomParameters.Fill(net, seed);
        double[] input = RandomParameters.Vector(4, seed + 1);
        double[] target = RandomParameters.Vector(3, seed + 2, 0, 1);
        var gradient = new double[Net4x9x3Spaced.ParameterCount];
        double loss = net.Backward(input, target, gradient);
        var reference = ReferenceMlp.Run(new[] { 4, 9, 3 }, sharedBias: false, net.Parameters.ToArray(), input, target);
        Assert.Equal(reference.Loss, loss, 1e-14);
        for (int k = 0; k < gradient.Length; k++)
        {
            Assert.Equal(reference.Gradient[k], gradient[k], 1e-14);
        }
    }

    [Fact]
    public void Backward_adds_to_the_gradient_so_that_a_batch_is_a_loop_of_calls()
    {
        var net = new Net3x5x2();
        RandomParameters.Fill(net, 7);
        double[] a = RandomParameters.Vector(3, 8), b = RandomParameters.Vector(3, 9), t = { 0.2, 0.7 };
        var separateA = new double[Net3x5x2.ParameterCount];
        var separateB = new double[Net3x5x2.ParameterCount];
        var together = new double[Net3x5x2.ParameterCount];
        net.Backward(a, t, separateA);
        net.Backward(b, t, separateB);
        net.Backward(a, t, together);
        net.Backward(b, t, together);
        for (int k = 0; k < together.Length; k++)
        {
            Assert.Equal(separateA[k] + separateB[k], together[k], 1e-15);
        }
    }

    [Fact]
    public void TrainStep_equals_Backward_then_plain_gradient_descent()
    {
        var stepped = new Net6x3x4();
        var manual = new Net6x3x4();
        RandomParameters.Fill(stepped, 3);
        RandomParameters.Fill(manual, 3);
        double[] input = RandomParameters.Vector(6, 4), target = RandomParameters.Vector(4, 5, 0, 1);
        var gradient = new double[Net6x3x4.ParameterCount];
        double manualLoss = manual.Backward(input, target, gradient);
        for (int k = 0; k < gradient.Length; k++)
        {
            manual.Parameters[k] -= 0.3 * gradient[k];
        }
        double steppedLoss = stepped.TrainStep(input, target, 0.3);
        Assert.Equal(manualLoss, steppedLoss);
        Assert.Equal(manual.Parameters.ToArray(), stepped.Parameters.ToArray());
    }

    [Fact]
    public void Forward_matches_the_output_Backward_sees()
    {
        var net = new Net3x5x2();
        RandomParameters.Fill(net, 11);
        double[] input = RandomParameters.Vector(3, 12);
        var output = new double[2];
        net.Forward(input, output);
        var reference = ReferenceMlp.Run(new[] { 3, 5, 2 }, sharedBias: false, net.Parameters.ToArray(), input, new double[2]);
        Assert.Equal(reference.Outputs[^1][0], output[0], 1e-15);
        Assert.Equal(reference.Outputs[^1][1], output[1], 1e-15);
    }

    [Fact]
    public void TrainBatch_of_one_sample_is_TrainStep()
    {
        var batched = new Net6x3x4();
        var stepped = new Net6x3x4();
        RandomParameters.Fill(batched, 13);
        RandomParameters.Fill(stepped, 13);
        double[] input = RandomParameters.Vector(6, 14), target = RandomParameters.Vector(4, 15, 0, 1);
        Assert.Equal(stepped.TrainStep(input, target, 0.3), batched.TrainBatch(input, target, 0.3));
        Assert.Equal(stepped.Parameters.ToArray(), batched.Parameters.ToArray());
    }

    [Fact]
    public void BackwardBatch_of_a_SIMD_block_matches_Backward_per_sample()
    {
        // 4 samples fill one Vector256<double> block exactly; the lanes use Vector256.Exp, hence the tolerance.
        var net = new Net4x9x3Spaced();
        RandomParameters.Fill(net, 16);
        double[] inputs = RandomParameters.Vector(16, 17), targets = RandomParameters.Vector(12, 18, 0, 1);
        var perSample = new double[Net4x9x3Spaced.ParameterCount];
        double loss = 0;
        for (int s = 0; s < 4; s++)
        {
            loss += net.Backward(inputs.AsSpan(s * 4, 4), targets.AsSpan(s * 3, 3), perSample);
        }
        var batch = new double[Net4x9x3Spaced.ParameterCount];
        Assert.Equal(loss, net.BackwardBatch(inputs, targets, batch), 1e-14);
        for (int k = 0; k < batch.Length; k++)
        {
            Assert.Equal(perSample[k], batch[k], 1e-14);
        }
    }
}
