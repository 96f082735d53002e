using NetGen.Runtime;

namespace NetGen.Tests.Spatial;

/// <summary>The loop kernels of convolution and pooling agree with plain nested loops over random geometries.</summary>
public class ConvolutionKernelTests
{
    private const int Cases = 400;

    [Fact]
    public void Convolution_forward_and_gradients_match_naive_loops_in_double()
    {
        var random = new Random(13);
        for (int n = 0; n < Cases; n++)
        {
            WindowShape g = NaiveConvolution.RandomShape(random, pooling: false);
            double[] x = Values(random, g.Channels * g.InputHeight * g.InputWidth);
            double[] w = Values(random, g.OutputChannels * g.Channels * g.KernelHeight * g.KernelWidth);
            double[] b = Values(random, random.Next(2) == 0 ? 1 : g.OutputChannels);
            double[] ds = Values(random, g.OutputChannels * g.OutputHeight * g.OutputWidth);
            string what = Describe(g);

            var sums = new double[ds.Length];
            ConvolutionKernels.Forward(g, x, w, b, sums);
            AssertClose(NaiveConvolution.Forward(g, x, w, b), sums, 1e-12, what);

            var dx = Values(random, x.Length); // garbage: InputGradient overwrites
            ConvolutionKernels.InputGradient(g, ds, w, dx);
            AssertClose(NaiveConvolution.InputGradient(g, ds, w), dx, 1e-12, what);

            // Accumulates scale * gradient onto what is there.
            double[] dw = Values(random, w.Length), dwBefore = (double[])dw.Clone();
            double[] db = Values(random, b.Length), dbBefore = (double[])db.Clone();
            ConvolutionKernels.AddParameterGradient(-0.5, g, ds, x, dw, db);
            double[] expected = NaiveConvolution.WeightGradient(g, ds, x);
            AssertClose(dwBefore.Select((v, k) => v - 0.5 * expected[k]).ToArray(), dw, 1e-12, what);
            double[] biasGradient = b.Length == 1
                ? new[] { ds.Sum() }
                : Enumerable.Range(0, b.Length).Select(f => ds.Skip(f * g.OutputHeight * g.OutputWidth).Take(g.OutputHeight * g.OutputWidth).Sum()).ToArray();
            AssertClose(dbBefore.Select((v, k) => v - 0.5 * biasGradient[k]).ToArray(), db, 1e-12, what);
        }
    }

    [Fact]
    public void Convolution_forward_matches_naive_loops_in_float()
    {
        var random = new Random(14);
        for (int n = 0; n < Cases; n++)
        {
            WindowShape g = NaiveConvolution.RandomShape(random, pooling: false);
            double[] x = Values(random, g.Channels * g.InputHeight * g.InputWidth);
            double[] w = Values(random, g.OutputChannels * g.Channels * g.KernelHeight * g.KernelWidth);
            double[] b = Values(random, g.OutputChannels);
            double[] ds = Values(random, g.OutputChannels * g.OutputHeight * g.OutputWidth);
            var sums = new float[ds.Length];
            ConvolutionKernels.Forward(g, F(x), F(w), F(b), sums);
            AssertClose(NaiveConvolution.Forward(g, x, w, b), D(sums), 1e-5, Describe(g));
            var dx = new float[x.Length];
            ConvolutionKernels.InputGradient(g, F(ds), F(w), dx);
            AssertClose(NaiveConvolution.InputGradient(g, ds, w), D(dx), 1e-5, Describe(g));
            var dw = new float[w.Length];
            ConvolutionKernels.AddParameterGradient(1f, g, F(ds), F(x), dw, Span<float>.Empty);
            AssertClose(NaiveConvolution.WeightGradient(g, ds, x), D(dw), 1e-5, Describe(g));
        }
    }

    [Fact]
    public void Pooling_forward_and_backward_match_naive_loops()
    {
        var random = new Random(15);
        for (int n = 0; n < Cases; n++)
        {
            WindowShape g = NaiveConvolution.RandomShape(random, pooling: true);
            // Values from a few levels, so that windows often hold ties: the gradient must go to the first maximum.
            double[] x = Enumerable.Range(0, g.Channels * g.InputHeight * g.InputWidth).Select(_ => (double)random.Next(-2, 3)).ToArray();
            double[] dOut = Values(random, g.Channels * g.OutputHeight * g.OutputWidth);
            string what = Describe(g);

            double[] max = NaiveConvolution.Pool(g, x, max: true, out int[] argmax);
            var output = new double[max.Length];
            var indices = new int[max.Length];
            PoolingKernels.MaxForward(g, x, output, indices);
            Assert.Equal(max, output);
            Assert.Equal(argmax, indices);
            var dx = Values(random, x.Length);
            PoolingKernels.MaxBackward(dOut, indices, dx);
            var expectedDx = new double[x.Length];
            for (int k = 0; k < dOut.Length; k++)
            {
                expectedDx[argmax[k]] += dOut[k];
            }
            AssertClose(expectedDx, dx, 1e-15, what);

            PoolingKernels.AverageForward(g, x, output);
            AssertClose(NaiveConvolution.Pool(g, x, max: false, out _), output, 1e-15, what);
            PoolingKernels.AverageBackward(g, dOut, dx);
            // Average pooling is linear: its backward is the transpose, <dOut, A x> = <A^T dOut, x> for every x.
            double[] probe = Values(random, x.Length);
            double forward = NaiveConvolution.Pool(g, probe, max: false, out _).Zip(dOut, (a, d) => a * d).Sum();
            Assert.True(Math.Abs(forward - dx.Zip(probe, (a, p) => a * p).Sum()) < 1e-12, what);
        }
    }

    [Fact]
    public void Max_pooling_sends_the_gradient_to_the_first_of_equal_maxima_and_keeps_NaN()
    {
        var g = new WindowShape(1, 2, 4, 1, 1, 2, 2, 2, 2, 2, 1, 1, 0, 0);
        double[] x = { 1, 5, 7, 7, 5, 2, 7, double.NaN };
        var output = new double[2];
        var argmax = new int[2];
        PoolingKernels.MaxForward(g, x, output, argmax);
        Assert.Equal(5, output[0]);
        Assert.Equal(1, argmax[0]); // 5 at (0,1) before the 5 at (1,0)
        Assert.True(double.IsNaN(output[1]));
        Assert.Equal(7, argmax[1]);
        var dx = new double[8];
        PoolingKernels.MaxBackward(new[] { 3.0, 4.0 }, argmax, dx);
        Assert.Equal(new double[] { 0, 3, 0, 0, 0, 0, 0, 4 }, dx);
    }

    [Fact]
    public void Global_average_pooling_averages_each_channel_and_spreads_the_gradient_evenly()
    {
        double[] x = { 1, 2, 3, 4, 10, 20, 30, 40 };
        var output = new double[2];
        PoolingKernels.GlobalAverageForward(4, x, output);
        Assert.Equal(new[] { 2.5, 25 }, output);
        var dx = new float[8];
        PoolingKernels.GlobalAverageBackward(4, new[] { 2f, -4f }, dx);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f, 0.5f, -1f, -1f, -1f, -1f }, dx);
    }

    [Fact]
    public void Kernels_allocate_nothing()
    {
        var g = new WindowShape(3, 8, 8, 4, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1);
        var pool = new WindowShape(4, 8, 8, 4, 4, 4, 2, 2, 2, 2, 1, 1, 0, 0);
        var x = new double[192];
        var w = new double[108];
        var b = new double[4];
        var s = new double[256];
        var p = new double[64];
        var arg = new int[64];
        for (int k = 0; k < 100; k++)
        {
            Run();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 10_000; k++)
        {
            Run();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Run()
        {
            ConvolutionKernels.Forward(g, x, w, b, s);
            ConvolutionKernels.InputGradient(g, s, w, x);
            ConvolutionKernels.AddParameterGradient(1.0, g, s, x, w, b);
            PoolingKernels.MaxForward(pool, s, p, arg);
            PoolingKernels.MaxBackward(p, arg, s);
            PoolingKernels.AverageForward(pool, s, p);
            PoolingKernels.AverageBackward(pool, p, s);
            PoolingKernels.GlobalAverageForward(64, s, b);
            PoolingKernels.GlobalAverageBackward(64, b, s);
        }
    }

    private static double[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    private static float[] F(double[] values) => values.Select(v => (float)v).ToArray();

    private static double[] D(float[] values) => values.Select(v => (double)v).ToArray();

    private static string Describe(WindowShape g) =>
        $"{g.Channels}x{g.InputHeight}x{g.InputWidth} -> {g.OutputChannels}x{g.OutputHeight}x{g.OutputWidth}, kernel {g.KernelHeight}x{g.KernelWidth}, " +
        $"stride {g.StrideY},{g.StrideX}, dilation {g.DilationY},{g.DilationX}, pads {g.PadTop},{g.PadLeft}";

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance * (1 + Math.Abs(expected[k])), $"{what}: [{k}] expected {expected[k]}, got {actual[k]}");
        }
    }
}
