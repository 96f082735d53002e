namespace NetGen.Tests;

/// <summary>The hot path allocates nothing, measured over many calls.</summary>
public class AllocationTests
{
    private const int Calls = 100_000;

    [Fact]
    public void Forward_Backward_and_TrainStep_allocate_zero_bytes()
    {
        var net = new Net4x9x3Spaced();
        RandomParameters.Fill(net, 1);
        double[] input = RandomParameters.Vector(4, 2), target = { 0.1, 0.5, 0.9 };
        double[] output = new double[3], gradient = new double[Net4x9x3Spaced.ParameterCount];

        // Warm up so that tiered compilation and static initialisation are done.
        for (int k = 0; k < 1000; k++)
        {
            net.Forward(input, output);
            net.Backward(input, target, gradient);
            net.TrainStep(input, target, 1e-9);
        }

        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls; k++) net.Forward(input, output); }));
        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls; k++) net.Backward(input, target, gradient); }));
        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls; k++) net.TrainStep(input, target, 1e-9); }));
    }

    [Fact]
    public void Loop_style_float_and_deep_networks_allocate_zero_bytes()
    {
        AssertNoAllocation(new LoopsNet());
        AssertNoAllocation(new DeepSoftmaxNet());
        AssertNoAllocationSingle(new FloatNet());
    }

    private static void AssertNoAllocation<TNet>(TNet net)
        where TNet : INetwork<TNet, double>
    {
        RandomParameters.Fill(net, 1, scale: 0.1);
        double[] input = RandomParameters.Vector(TNet.InputCount, 2), target = new double[TNet.OutputCount];
        target[0] = 1;
        double[] output = new double[TNet.OutputCount], gradient = new double[TNet.ParameterCount];
        for (int k = 0; k < 1000; k++)
        {
            net.Forward(input, output);
            net.Backward(input, target, gradient);
            net.TrainStep(input, target, 1e-9);
        }
        long bytes = Measure(() =>
        {
            for (int k = 0; k < 10_000; k++)
            {
                net.Forward(input, output);
                net.Backward(input, target, gradient);
                net.TrainStep(input, target, 1e-9);
            }
        });
        Assert.True(bytes == 0, $"{typeof(TNet).Name} allocated {bytes} bytes");
    }

    private static void AssertNoAllocationSingle<TNet>(TNet net)
        where TNet : INetwork<TNet, float>
    {
        float[] input = { 0.5f, -0.25f, 1f }, target = new float[TNet.OutputCount];
        float[] output = new float[TNet.OutputCount], gradient = new float[TNet.ParameterCount];
        net.Parameters.Fill(0.1f);
        for (int k = 0; k < 1000; k++)
        {
            net.Forward(input, output);
            net.Backward(input, target, gradient);
            net.TrainStep(input, target, 1e-6f);
        }
        long bytes = Measure(() =>
        {
            for (int k = 0; k < Calls; k++)
            {
                net.Forward(input, output);
                net.Backward(input, target, gradient);
                net.TrainStep(input, target, 1e-6f);
            }
        });
        Assert.True(bytes == 0, $"{typeof(TNet).Name} allocated {bytes} bytes");
    }

    [Fact]
    public void BackwardBatch_and_TrainBatch_allocate_zero_bytes()
    {
        // 11 samples: two SIMD blocks of 4 and three left over, so both paths run.
        var net = new Net4x9x3Spaced();
        RandomParameters.Fill(net, 2);
        double[] inputs = RandomParameters.Vector(11 * 4, 3), targets = RandomParameters.Vector(11 * 3, 4, 0, 1);
        double[] gradient = new double[Net4x9x3Spaced.ParameterCount];
        var single = new Net3x5x2Single();
        float[] singleInputs = Array.ConvertAll(RandomParameters.Vector(11 * 3, 5), v => (float)v);
        float[] singleTargets = Array.ConvertAll(RandomParameters.Vector(11 * 2, 6, 0, 1), v => (float)v);
        float[] singleGradient = new float[Net3x5x2Single.ParameterCount];
        var large = new LoopsNet();
        RandomParameters.Fill(large, 9, scale: 0.1);
        double[] largeInputs = RandomParameters.Vector(11 * 64, 10), largeTargets = RandomParameters.Vector(11 * 10, 11, 0, 1);
        var loops = new Net6x3x4Loops();
        double[] loopInputs = RandomParameters.Vector(11 * 6, 7), loopTargets = RandomParameters.Vector(11 * 4, 8, 0, 1);
        double[] loopGradient = new double[Net6x3x4Loops.ParameterCount];

        for (int k = 0; k < 1000; k++)
        {
            net.BackwardBatch(inputs, targets, gradient);
            net.TrainBatch(inputs, targets, 1e-9);
            single.BackwardBatch(singleInputs, singleTargets, singleGradient);
            single.TrainBatch(singleInputs, singleTargets, 1e-9f);
            loops.BackwardBatch(loopInputs, loopTargets, loopGradient);
            loops.TrainBatch(loopInputs, loopTargets, 1e-9);
            large.TrainBatch(largeInputs, largeTargets, 1e-9);
        }

        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls / 10; k++) net.BackwardBatch(inputs, targets, gradient); }));
        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls / 10; k++) net.TrainBatch(inputs, targets, 1e-9); }));
        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls / 10; k++) single.BackwardBatch(singleInputs, singleTargets, singleGradient); }));
        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls / 10; k++) single.TrainBatch(singleInputs, singleTargets, 1e-9f); }));
        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls / 10; k++) loops.BackwardBatch(loopInputs, loopTargets, loopGradient); }));
        Assert.Equal(0, Measure(() => { for (int k = 0; k < Calls / 10; k++) loops.TrainBatch(loopInputs, loopTargets, 1e-9); }));
        // 64-32-10: no lanes (over 400 weights): 11 rows run as matrix products in thread-local memory, the gradient kept with the network.
        Assert.Equal(0, Measure(() => { for (int k = 0; k < 1000; k++) large.TrainBatch(largeInputs, largeTargets, 1e-9); }));
    }

    /// <summary>Bytes allocated on this thread while <paramref name="action"/> runs.</summary>
    /// <summary>
    /// The bytes <paramref name="action"/> allocates on this thread, the least of up to five runs. The tiered JIT
    /// can charge a one-off few KB (call counting, a method's promotion) to the thread that happens to cross its
    /// threshold, late when the whole test project runs at once; an allocation of the code under test recurs on
    /// every run, so the least of several runs still catches it, and a one-off does not fail the test.
    /// </summary>
    internal static long Measure(Action action)
    {
        long least = long.MaxValue;
        for (int run = 0; run < 5 && least > 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
