using System.Diagnostics;
using System.Runtime.Intrinsics;
using NetGen.Runtime;

namespace NetGen.Benchmarks;

/// <summary>
/// ForwardBatch of 784-128-10 on 512 rows against ONNX Runtime (one thread) on the same rows, both precisions, the
/// full-batch TrainBatch step (whose share of the peak must hold), the FMA peak loop and the float call's parts (the
/// hidden product, its bias and sigmoid passes, the 10-wide output product, a 12-row product that is mostly the
/// packing of W), all timed in interleaved rounds in one process: the least of each (the least disturbed on a
/// shared machine) and the median. <c>dotnet run -c Release --project tests/NetGen.Benchmarks -- forward-share</c>.
/// </summary>
internal static class ForwardShare
{
    // The full-batch step's FLOPs (docs/benchmarks.md): forward, weight gradients, the error sent back to layer 1.
    private const double StepFlop = 209.4e6;

    private const int Rows = 512, Chunk = 256, Inputs = 784, Hidden = 128, Outputs = 10, PeakIterations = 1 << 16;

    public static void Run(int rounds = 160)
    {
        using var single = new BatchSubject<F_784_128_10, float>();
        using var twice = new BatchSubject<Mnist, double>();
        var random = new Random(3);
        float[] x = Fill(Rows * Inputs, random), w = Fill(Hidden * Inputs, random), hidden = Fill(Rows * Hidden, random);
        float[] w2 = Fill(Outputs * Hidden, random), bias = Fill(Hidden, random), outs = new float[Rows * Outputs];
        double sink = 0;
        var parts = new (string Name, Func<double> Call)[]
        {
            ("FMA peak loop", () => FmaLoop.Run(PeakIterations)),
            ("NetGen ForwardBatch float", single.ForwardBatch),
            ("ONNX Runtime float", single.OnnxBatch),
            ("NetGen ForwardBatch double", twice.ForwardBatch),
            ("ONNX Runtime double", twice.OnnxBatch),
            ("NetGen FullBatchStep float", single.FullBatchStep),
            ("NetGen FullBatchStep double", twice.FullBatchStep),
            ("  float X W^T 784->128 (2 chunks)", () => Chunks(x, w, hidden, Inputs, Hidden)),
            ("  float bias pass + sigmoid pass 128", () => BiasSigmoid(hidden, bias)),
            ("  float Kernels.AddBiasSigmoid 128", () => { Kernels.AddBiasSigmoid(hidden, bias); return hidden[0]; }),
            ("  float X W^T 128->10 (2 chunks)", () => Chunks(hidden, w2, outs, Hidden, Outputs)),
            ("  float Kernels.AddBiasSigmoid 10", () => { Kernels.AddBiasSigmoid(outs, bias.AsSpan(0, Outputs)); return outs[0]; }),
            // 12 rows: the packing of W (once per call) is most of this product's time.
            ("  float X W^T 784->128, 12 rows", () => Product(x, w, hidden, 12, Hidden, Inputs)),
            // The hidden layer as ForwardBatch ran it before issue 15's fusion, and fused (the bias and sigmoid in the tiles' store).
            ("  float X W^T 784->128 + AddBiasSigmoid", () => { Product(x, w, hidden, Rows, Hidden, Inputs); Kernels.AddBiasSigmoid(hidden, bias); return hidden[0]; }),
            ("  float fused X W^T 784->128 bias sigm.", () => { Gemm.MultiplyTransposedBiasSigmoid(x, w, bias, hidden, Rows, Hidden, Inputs); return hidden[0]; }),
        };
        var times = parts.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < parts.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                sink += parts[i].Call();
                if (round >= 20) times[i].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }
        // FmaLoop: 48 FMAs per iteration on Vector512<double> (8 lanes, 2 FLOP each; 4 lanes on Vector256).
        double peakDouble = PeakIterations * 48.0 * (Vector512.IsHardwareAccelerated ? 8 : 4) * 2 / times[0].Min() / 1e3;
        double forwardFlop = 2.0 * Rows * (Inputs * Hidden + Hidden * Outputs);
        Console.WriteLine($"Vector512: {Vector512.IsHardwareAccelerated}; FMA peak {peakDouble:F1} GF/s double, {2 * peakDouble:F1} float ({sink:E1}); {rounds - 20} rounds");
        for (int i = 1; i < parts.Length; i++)
        {
            double least = times[i].Min(), median = Median(times[i]);
            double flop = i <= 4 ? forwardFlop : StepFlop;
            string share = i <= 6 ? $", {flop / least / 1e3 / (parts[i].Name.Contains("float") ? 2 * peakDouble : peakDouble):P0} of peak" : "";
            Console.WriteLine($"{parts[i].Name,-36} least {least,8:F1} us, median {median,8:F1} us{share}");
        }
        Console.WriteLine($"ORT / NetGen (above 1: NetGen faster): float least {times[2].Min() / times[1].Min():F2}, median {Median(times[2]) / Median(times[1]):F2}; " +
            $"double least {times[4].Min() / times[3].Min():F2}, median {Median(times[4]) / Median(times[3]):F2}");
    }

    private static double Product(float[] a, float[] b, float[] c, int m, int n, int k)
    {
        Gemm.MultiplyTransposed(a.AsSpan(0, m * k), b, c.AsSpan(0, m * n), m, n, k);
        return c[0];
    }

    private static double Chunks(float[] a, float[] b, float[] c, int k, int n)
    {
        for (int first = 0; first < Rows; first += Chunk)
        {
            Gemm.MultiplyTransposed(a.AsSpan(first * k, Chunk * k), b, c.AsSpan(first * n, Chunk * n), Chunk, n, k);
        }
        return c[0];
    }

    // The generated passes after the hidden product before AddBiasSigmoid: the bias added row by row, then the sigmoid over the chunk.
    private static double BiasSigmoid(float[] sums, float[] bias)
    {
        for (int first = 0; first < Rows; first += Chunk)
        {
            Span<float> chunk = sums.AsSpan(first * Hidden, Chunk * Hidden);
            for (int s = 0; s < Chunk; s++) for (int j = 0; j < Hidden; j++) chunk[s * Hidden + j] += bias[j];
            Kernels.Sigmoid(chunk);
        }
        return sums[0];
    }

    private static float[] Fill(int length, Random random) => Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
