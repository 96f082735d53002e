using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetGen.Runtime;

namespace NetGen.Benchmarks;

/// <summary>
/// The share of one core's FMA peak that the first layer's products of 784-128-10 reach (256 rows, both
/// precisions), and the parallel epoch's speed-up, each timed in interleaved rounds in one process and the best
/// round kept: on a machine shared with other builds the best round is the one least disturbed, and peak and
/// product are disturbed alike. <c>dotnet run -c Release --project tests/NetGen.Benchmarks -- gemm-share</c>;
/// with <c>DOTNET_PreferredVectorBitWidth=256</c> the same on 256-bit vectors.
/// </summary>
internal static class GemmShare
{
    public static void Run()
    {
        const int M = 256, N = 128, K = 784, PeakIterations = 1 << 18;
        var random = new Random(1);
        double[] x = new double[M * K], w = new double[N * K], z = new double[M * N], dw = new double[N * K];
        float[] xf = new float[M * K], wf = new float[N * K], zf = new float[M * N], dwf = new float[N * K];
        for (int i = 0; i < x.Length; i++) xf[i] = (float)(x[i] = random.NextDouble());
        for (int i = 0; i < w.Length; i++) wf[i] = (float)(w[i] = random.NextDouble() - 0.5);
        double flops = 2.0 * M * N * K, sink = 0;
        var best = new double[5];
        for (int round = 0; round < 60; round++)
        {
            var sw = Stopwatch.StartNew();
            sink += FmaLoop.Run(PeakIterations);
            // FmaLoop does 48 FMAs per iteration on the widest vectors; counted as 8 doubles each on 512 bits.
            double peak = PeakIterations * 48.0 * (Vector512.IsHardwareAccelerated ? 8 : 4) * 2 / sw.Elapsed.TotalSeconds / 1e9;
            double[] rates =
            {
                peak,
                Rate(() => Gemm.MultiplyTransposed(x, w, z, M, N, K)),
                Rate(() => Gemm.AddTransposedProduct(z, x, dw, M, N, K)),
                Rate(() => Gemm.MultiplyTransposed(xf, wf, zf, M, N, K)),
                Rate(() => Gemm.AddTransposedProduct(zf, xf, dwf, M, N, K)),
            };
            for (int i = 0; round >= 3 && i < rates.Length; i++) best[i] = Math.Max(best[i], rates[i]);
        }
        Console.WriteLine($"Vector512: {Vector512.IsHardwareAccelerated}; FMA peak {best[0]:F1} GF/s double ({sink:E1})");
        Console.WriteLine($"double: X W^T {best[1]:F1} GF/s ({best[1] / best[0]:P0}), dZ^T X {best[2]:F1} GF/s ({best[2] / best[0]:P0})");
        Console.WriteLine($"float:  X W^T {best[3]:F1} GF/s ({best[3] / (2 * best[0]):P0}), dZ^T X {best[4]:F1} GF/s ({best[4] / (2 * best[0]):P0})");
        ParallelEpochs();

        double Rate(Action product)
        {
            var sw = Stopwatch.StartNew();
            product();
            product();
            return 2 * flops / sw.Elapsed.TotalSeconds / 1e9;
        }
    }

    /// <summary>ParallelEpochBenchmarks' epoch with Parallelism 1 and 2 in alternation: the least and the median of each.</summary>
    private static void ParallelEpochs()
    {
        var subjects = new[] { new ParallelEpochBenchmarks { Parallelism = 1 }, new ParallelEpochBenchmarks { Parallelism = 2 } };
        foreach (ParallelEpochBenchmarks subject in subjects) subject.Setup();
        var times = new[] { new List<double>(), new List<double>() };
        for (int round = 0; round < 22; round++)
        {
            for (int t = 0; t < 2; t++)
            {
                var sw = Stopwatch.StartNew();
                subjects[t].Epoch();
                if (round >= 2) times[t].Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine($"epoch (784-128-10, 2,048 rows, batches of 256): Parallelism 1 least {times[0].Min():F1} ms, median {Median(times[0]):F1}; " +
            $"Parallelism 2 least {times[1].Min():F1} ms, median {Median(times[1]):F1}; P1/P2 least {times[0].Min() / times[1].Min():F2}, median {Median(times[0]) / Median(times[1]):F2}");
    }
}
