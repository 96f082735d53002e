using System.Numerics;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The matrix-product batch of large dense networks (BackwardBatch, TrainBatch, ForwardBatch) against the
/// single-sample entry points it replaces: equal to the loop of Backward or Forward calls within a few ulps of
/// each value's magnitude, the finite-difference sweep holds on the batch's own loss, and small batches still go
/// through Backward one row at a time, to the bit.
/// </summary>
public sealed class GemmBatchTests
{
    // 37 rows: matrix products with edge tiles; 300: two backward chunks (256 + 44); 600: two forward chunks (512 + 88).
    [Theory]
    [InlineData(37)]
    [InlineData(300)]
    [InlineData(600)]
    public void Double_batches_equal_the_per_sample_loop(int rows)
    {
        BatchEqualsLoop(new GemmSharedBiasNet(), rows, 1e-12);
        BatchEqualsLoop(new GemmFrozenBiasNet(), rows, 1e-12);
        BatchEqualsLoop(new GemmSoftmaxSquaredNet(), rows, 1e-12);
        BatchEqualsLoop(new LoopsNet(), rows, 1e-12);
        BatchEqualsLoop(new DeepSoftmaxNet(), rows, 1e-12);
        BatchEqualsLoop(new Mnist(), rows, 1e-12);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(300)]
    [InlineData(600)]
    public void Float_batches_equal_the_per_sample_loop(int rows)
    {
        BatchEqualsLoop<GemmFloatMseNet, float>(new GemmFloatMseNet(), rows, 2e-5);
        BatchEqualsLoop<GemmFloatSoftmaxNet, float>(new GemmFloatSoftmaxNet(), rows, 2e-5);
    }

    [Fact]
    public void Batches_below_the_matrix_size_are_the_loop_of_Backward_to_the_bit()
    {
        var net = new LoopsNet();
        Fill(net, 3, 0.5);
        double[] inputs = Values<double>(5 * 64, 4, -1, 1), targets = Values<double>(5 * 10, 5, 0, 1);
        var batch = new double[LoopsNet.ParameterCount];
        var loop = new double[LoopsNet.ParameterCount];
        double loss = net.BackwardBatch(inputs, targets, batch), expected = 0;
        for (int s = 0; s < 5; s++)
        {
            expected += net.Backward(inputs.AsSpan(s * 64, 64), targets.AsSpan(s * 10, 10), loop);
        }
        Assert.Equal(expected, loss);
        Assert.Equal(loop, batch);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_batch_gradient_matches_finite_differences_of_the_batch_loss(int seed)
    {
        FiniteDifferences(new GemmSharedBiasNet(), seed);
        FiniteDifferences(new GemmSoftmaxSquaredNet(), seed);
        FiniteDifferences(new LoopsNet(), seed);
        FiniteDifferences(new DeepSoftmaxNet(), seed);
    }

    [Fact]
    public void TrainBatch_moves_every_parameter_by_the_mean_batch_gradient()
    {
        var net = new GemmSoftmaxSquaredNet();
        Fill(net, 8, 0.5);
        double[] inputs = Values<double>(20 * 25, 9, -1, 1), targets = Values<double>(20 * 8, 10, 0, 1);
        double[] before = net.Parameters.ToArray(), gradient = new double[GemmSoftmaxSquaredNet.ParameterCount];
        double sum = net.BackwardBatch(inputs, targets, gradient);
        double mean = net.TrainBatch(inputs, targets, 0.5);
        Assert.Equal(sum / 20, mean, 1e-15);
        for (int k = 0; k < before.Length; k++)
        {
            Assert.Equal(before[k] - 0.5 / 20 * gradient[k], net.Parameters[k], 1e-15);
        }
    }

    [Fact]
    public void ForwardBatch_gives_each_row_the_same_bits_whatever_batch_it_is_in()
    {
        // The parallel trainer splits batches between threads: a row's outputs must not depend on its neighbours.
        SameBitsInEveryBatch<Mnist, double>(new Mnist(), 17);
        SameBitsInEveryBatch<GemmFloatMseNet, float>(new GemmFloatMseNet(), 18);
    }

    private static void SameBitsInEveryBatch<TNet, T>(TNet net, int seed)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // 600 rows run as forward chunks of 512 + 88; each part below is of matrix size (8 rows or more) and sits
        // differently against the chunks and the 6-row tiles.
        const int rows = 600;
        int inputs = TNet.InputCount, outputs = TNet.OutputCount;
        Fill<TNet, T>(net, seed, 0.5);
        T[] x = Values<T>(rows * inputs, seed + 1, -1, 1), whole = new T[rows * outputs];
        net.ForwardBatch(x, whole);
        foreach ((int first, int count) in new[] { (0, 8), (505, 13), (511, 89), (100, 37) })
        {
            var part = new T[count * outputs];
            net.ForwardBatch(x.AsSpan(first * inputs, count * inputs), part);
            Assert.Equal(whole.AsSpan(first * outputs, count * outputs).ToArray(), part);
        }
    }

    [Fact]
    public void ForwardBatch_and_BackwardBatch_of_matrix_size_allocate_nothing()
    {
        var net = new Mnist();
        Fill(net, 11, 0.05);
        double[] inputs = Values<double>(40 * 784, 12, 0, 1), targets = Values<double>(40 * 10, 13, 0, 1);
        double[] outputs = new double[40 * 10], gradient = new double[Mnist.ParameterCount];
        var single = new GemmFloatSoftmaxNet();
        Fill(single, 14, 0.1);
        float[] singleInputs = Values<float>(300 * 50, 15, -1, 1), singleTargets = Values<float>(300 * 10, 16, 0, 1);
        float[] singleOutputs = new float[300 * 10];
        for (int k = 0; k < 20; k++)
        {
            net.ForwardBatch(inputs, outputs);
            net.BackwardBatch(inputs, targets, gradient);
            single.ForwardBatch(singleInputs, singleOutputs);
            single.TrainBatch(singleInputs, singleTargets, 1e-6f);
        }
        Assert.Equal(0, AllocationTests.Measure(() => { for (int k = 0; k < 50; k++) net.ForwardBatch(inputs, outputs); }));
        Assert.Equal(0, AllocationTests.Measure(() => { for (int k = 0; k < 50; k++) net.BackwardBatch(inputs, targets, gradient); }));
        Assert.Equal(0, AllocationTests.Measure(() => { for (int k = 0; k < 50; k++) single.ForwardBatch(singleInputs, singleOutputs); }));
        Assert.Equal(0, AllocationTests.Measure(() => { for (int k = 0; k < 50; k++) single.TrainBatch(singleInputs, singleTargets, 1e-6f); }));
    }

    [Fact]
    public void ForwardBatch_of_small_networks_runs_lanes_and_equals_Forward()
    {
        // 11 rows: two SIMD blocks of 4 (double) and three rows left over; 8 + 3 in float.
        ForwardEqualsLoop<Net4x9x3Spaced, double>(new Net4x9x3Spaced(), 11, 1e-14);
        ForwardEqualsLoop<Net6x3x4Loops, double>(new Net6x3x4Loops(), 11, 1e-14);
        ForwardEqualsLoop<Net3x5x2Single, float>(new Net3x5x2Single(), 11, 1e-6);
    }

    private static void ForwardEqualsLoop<TNet, T>(TNet net, int rows, double relative)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputs = TNet.InputCount, outputs = TNet.OutputCount;
        Fill<TNet, T>(net, rows, 1);
        T[] x = Values<T>(rows * inputs, 3, -1, 1), batch = new T[rows * outputs], one = new T[outputs];
        net.ForwardBatch(x, batch);
        for (int s = 0; s < rows; s++)
        {
            net.Forward(x.AsSpan(s * inputs, inputs), one);
            for (int j = 0; j < outputs; j++)
            {
                double expected = double.CreateTruncating(one[j]), actual = double.CreateTruncating(batch[s * outputs + j]);
                Assert.True(Math.Abs(actual - expected) <= relative * (Math.Abs(expected) + 1), $"{typeof(TNet).Name} row {s} output {j}: {actual:R} != {expected:R}");
            }
        }
    }

    [Fact]
    public void ForwardBatch_refuses_mismatched_rows_by_name()
    {
        var net = new LoopsNet();
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.ForwardBatch(new double[65], new double[10])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => net.ForwardBatch(new double[128], new double[10])).ParamName);
    }

    private static void BatchEqualsLoop<TNet, T>(TNet net, int rows, double relative)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputs = TNet.InputCount, outputs = TNet.OutputCount, count = TNet.ParameterCount;
        Fill<TNet, T>(net, rows, 0.5);
        T[] x = Values<T>(rows * inputs, rows + 1, -1, 1), t = Values<T>(rows * outputs, rows + 2, 0, 1);
        var batch = new T[count];
        T loss = net.BackwardBatch(x, t, batch);

        // The loop, and the scale of each gradient entry: the sum of its per-sample magnitudes.
        var loop = new double[count];
        var scale = new double[count];
        var one = new T[count];
        double expectedLoss = 0, lossScale = 0;
        var y = new T[outputs];
        var yBatch = new T[rows * outputs];
        net.ForwardBatch(x, yBatch);
        for (int s = 0; s < rows; s++)
        {
            Array.Clear(one);
            double e = double.CreateTruncating(net.Backward(x.AsSpan(s * inputs, inputs), t.AsSpan(s * outputs, outputs), one));
            expectedLoss += e;
            lossScale += Math.Abs(e);
            for (int k = 0; k < count; k++)
            {
                loop[k] += double.CreateTruncating(one[k]);
                scale[k] += Math.Abs(double.CreateTruncating(one[k]));
            }
            net.Forward(x.AsSpan(s * inputs, inputs), y);
            for (int j = 0; j < outputs; j++)
            {
                double expected = double.CreateTruncating(y[j]), actual = double.CreateTruncating(yBatch[s * outputs + j]);
                Assert.True(Math.Abs(actual - expected) <= relative * (Math.Abs(expected) + 1),
                    $"{typeof(TNet).Name} row {s} output {j}: ForwardBatch {actual:R}, Forward {expected:R}");
            }
        }
        Assert.True(Math.Abs(double.CreateTruncating(loss) - expectedLoss) <= relative * lossScale,
            $"{typeof(TNet).Name}: loss {double.CreateTruncating(loss):R} against {expectedLoss:R}");
        for (int k = 0; k < count; k++)
        {
            double actual = double.CreateTruncating(batch[k]);
            Assert.True(Math.Abs(actual - loop[k]) <= relative * scale[k],
                $"{typeof(TNet).Name} {TNet.ParameterNames[k]}: batch {actual:R}, loop {loop[k]:R} (scale {scale[k]:R})");
        }
    }

    private static void BatchEqualsLoop<TNet>(TNet net, int rows, double relative)
        where TNet : INetwork<TNet, double> => BatchEqualsLoop<TNet, double>(net, rows, relative);

    private static void FiniteDifferences<TNet>(TNet net, int seed)
        where TNet : INetwork<TNet, double>
    {
        const int Rows = 19;
        Fill(net, seed, 1);
        double[] x = Values<double>(Rows * TNet.InputCount, seed + 1, -1, 1), t = Values<double>(Rows * TNet.OutputCount, seed + 2, 0, 1);
        var analytic = new double[TNet.ParameterCount];
        var scratch = new double[TNet.ParameterCount];
        net.BackwardBatch(x, t, analytic);
        Span<double> p = net.Parameters;
        // Every parameter of the small networks; a spread of them in the large one.
        int stride = Math.Max(1, TNet.ParameterCount / 300);
        for (int k = 0; k < p.Length; k += stride)
        {
            double saved = p[k], h = 1e-5 * Math.Max(1, Math.Abs(saved));
            p[k] = saved + h;
            double up = net.BackwardBatch(x, t, scratch);
            p[k] = saved - h;
            double down = net.BackwardBatch(x, t, scratch);
            p[k] = saved;
            double numeric = (up - down) / (2 * h), error = Math.Abs(analytic[k] - numeric) / Math.Max(Math.Max(Math.Abs(analytic[k]), Math.Abs(numeric)), 1e-5);
            if (!TNet.ParameterIsTrainable[k])
            {
                continue;
            }
            Assert.True(error < 1e-5, $"{typeof(TNet).Name} {TNet.ParameterNames[k]}: analytic {analytic[k]:R}, numeric {numeric:R}");
        }
    }

    private static void Fill<TNet, T>(TNet net, int seed, double scale)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        Span<T> parameters = net.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = T.CreateTruncating((random.NextDouble() * 2 - 1) * scale);
        }
    }

    private static void Fill<TNet>(TNet net, int seed, double scale)
        where TNet : INetwork<TNet, double> => Fill<TNet, double>(net, seed, scale);

    private static void Fill(GemmFloatSoftmaxNet net, int seed, double scale) => Fill<GemmFloatSoftmaxNet, float>(net, seed, scale);

    private static T[] Values<T>(int count, int seed, double low, double high)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = T.CreateTruncating(low + random.NextDouble() * (high - low));
        }
        return values;
    }
}
