using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>
/// The batched rows of issue 15, each against the per-sample path it replaces and a plain FMA loop measured in the
/// same run (the peak the GEMM's share is counted against). Run by hand, briefly:
/// <c>dotnet run -c Release --project tests/NetGen.Benchmarks -- --filter '*BatchBenchmarks*' --job short</c>.
/// Workloads (those of tests/NetGen.Benchmarks/torch_batch.py, PyTorch + OpenBLAS): a mini-batch epoch of 16
/// batches of 32 rows, one full-batch step on 512 rows (TrainBatch: mean gradient, SGD), ForwardBatch of 512 rows.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    [Params("64-32-10", "784-128-10")]
    public string Topology { get; set; } = "784-128-10";

    [Params("double", "float")]
    public string Precision { get; set; } = "double";

    private IBatchSubject _subject = null!;

    [GlobalSetup]
    public void Setup() => _subject = (Topology, Precision) switch
    {
        ("64-32-10", "double") => new BatchSubject<D_64_32_10, double>(),
        ("64-32-10", _) => new BatchSubject<F_64_32_10, float>(),
        (_, "double") => new BatchSubject<Mnist, double>(),
        _ => new BatchSubject<F_784_128_10, float>(),
    };

    [GlobalCleanup]
    public void Cleanup() => (_subject as IDisposable)?.Dispose();

    /// <summary>16 TrainBatch steps of 32 rows (one epoch of 512 rows).</summary>
    [Benchmark] public double MiniBatchEpoch() => _subject.MiniBatchEpoch();

    /// <summary>One TrainBatch step on all 512 rows.</summary>
    [Benchmark] public double FullBatchStep() => _subject.FullBatchStep();

    /// <summary>The same step as before this change: Backward per row into the gradient, then the update.</summary>
    [Benchmark] public double FullBatchStepPerSample() => _subject.FullBatchStepPerSample();

    /// <summary>ForwardBatch of 512 rows.</summary>
    [Benchmark] public double ForwardBatch512() => _subject.ForwardBatch();

    /// <summary>ONNX Runtime (one thread) given the same 512 rows as one [512, inputs] tensor.</summary>
    [Benchmark] public double OnnxRuntimeBatch512() => _subject.OnnxBatch();

    /// <summary>
    /// 2^20 x 48 fused multiply-adds on 12 independent Vector512&lt;double&gt; chains (Vector256 without AVX-512): one
    /// core's double peak is 2^20 x 48 x 8 lanes x 2 FLOP / this time (half the lanes on Vector256; twice in float).
    /// </summary>
    [Benchmark] public double FmaPeak() => FmaLoop.Run(1 << 20);
}

internal interface IBatchSubject
{
    double MiniBatchEpoch();

    double FullBatchStep();

    double FullBatchStepPerSample();

    double ForwardBatch();

    double OnnxBatch();
}

internal sealed class BatchSubject<TNet, T> : IBatchSubject, IDisposable
    where TNet : INetwork<TNet, T>, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Rows = 512, MiniBatch = 32;

    private readonly TNet _net = new();
    private readonly T[] _inputs, _targets, _outputs, _gradient;
    private readonly T[] _initial;
    private readonly T _rate = T.CreateTruncating(0.01);
    private readonly InferenceSession _session;
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _onnxInput, _onnxOutput;
    private readonly RunOptions _run = new();
    private readonly SessionOptions _options;

    public BatchSubject()
    {
        var random = new Random(42);
        Span<T> parameters = _net.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = T.CreateTruncating((random.NextDouble() * 2 - 1) * 0.1);
        }
        _initial = parameters.ToArray();
        _inputs = Enumerable.Range(0, Rows * TNet.InputCount).Select(_ => T.CreateTruncating(random.NextDouble())).ToArray();
        _targets = Enumerable.Range(0, Rows * TNet.OutputCount).Select(_ => T.CreateTruncating(random.NextDouble())).ToArray();
        _outputs = new T[Rows * TNet.OutputCount];
        _gradient = new T[TNet.ParameterCount];

        int elementType = typeof(T) == typeof(double) ? 11 : 1;
        int[] sizes = TNet.LayerSizes.ToArray();
        byte[] model = OnnxModel.Build(sizes, MemoryMarshal.AsBytes(_initial.AsSpan()), Unsafe.SizeOf<T>(), elementType, Rows);
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, _options);
        _onnxInput = OrtValue.CreateTensorValueFromMemory(_inputs, new long[] { Rows, TNet.InputCount });
        _onnxOutput = OrtValue.CreateTensorValueFromMemory(_outputs, new long[] { Rows, TNet.OutputCount });
        _binding = _session.CreateIoBinding();
        _binding.BindInput(OnnxModel.Input, _onnxInput);
        _binding.BindOutput(OnnxModel.Output, _onnxOutput);
        CheckAgreement();
    }

    // The parameters drift as the training benchmarks run; a tiny learning rate keeps them finite and the work the same.
    public double MiniBatchEpoch()
    {
        T loss = T.Zero;
        int inputs = TNet.InputCount, outputs = TNet.OutputCount;
        for (int first = 0; first < Rows; first += MiniBatch)
        {
            loss += _net.TrainBatch(_inputs.AsSpan(first * inputs, MiniBatch * inputs), _targets.AsSpan(first * outputs, MiniBatch * outputs), _rate);
        }
        return double.CreateTruncating(loss);
    }

    public double FullBatchStep() => double.CreateTruncating(_net.TrainBatch(_inputs, _targets, _rate));

    public double FullBatchStepPerSample()
    {
        Span<T> gradient = _gradient;
        gradient.Clear();
        T loss = T.Zero;
        int inputs = TNet.InputCount, outputs = TNet.OutputCount;
        for (int s = 0; s < Rows; s++)
        {
            loss += _net.Backward(_inputs.AsSpan(s * inputs, inputs), _targets.AsSpan(s * outputs, outputs), gradient);
        }
        T scale = -_rate / T.CreateTruncating(Rows);
        Span<T> parameters = _net.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] += scale * gradient[k];
        }
        return double.CreateTruncating(loss);
    }

    public double ForwardBatch()
    {
        _net.ForwardBatch(_inputs, _outputs);
        return double.CreateTruncating(_outputs[0]);
    }

    public double OnnxBatch()
    {
        _session.RunWithBinding(_run, _binding);
        return double.CreateTruncating(_outputs[0]);
    }

    /// <summary>ONNX Runtime's outputs and ForwardBatch's agree on the initial parameters before anything is timed.</summary>
    private void CheckAgreement()
    {
        OnnxBatch();
        T[] onnx = _outputs.ToArray();
        ForwardBatch();
        double tolerance = typeof(T) == typeof(double) ? 1e-12 : 1e-5;
        for (int k = 0; k < onnx.Length; k++)
        {
            if (Math.Abs(double.CreateTruncating(onnx[k] - _outputs[k])) > tolerance)
            {
                throw new InvalidOperationException($"ONNX Runtime and ForwardBatch disagree at {k}: {onnx[k]} and {_outputs[k]}.");
            }
        }
    }

    public void Dispose()
    {
        _binding.Dispose();
        _onnxInput.Dispose();
        _onnxOutput.Dispose();
        _session.Dispose();
        _options.Dispose();
        _run.Dispose();
    }
}

/// <summary>One core's FMA peak: independent chains of fused multiply-adds, nothing else in the loop.</summary>
internal static class FmaLoop
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Run(int iterations)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<double> m = Vector512.Create(0.999999), a = Vector512.Create(1e-7);
            Vector512<double> c0 = Vector512<double>.One, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
            for (int i = 0; i < iterations; i++)
            {
                for (int r = 0; r < 4; r++)
                {
                    c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a); c2 = Vector512.FusedMultiplyAdd(c2, m, a);
                    c3 = Vector512.FusedMultiplyAdd(c3, m, a); c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
                    c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a); c8 = Vector512.FusedMultiplyAdd(c8, m, a);
                    c9 = Vector512.FusedMultiplyAdd(c9, m, a); c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
                }
            }
            return Vector512.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
        }
        Vector256<double> m2 = Vector256.Create(0.999999), a2 = Vector256.Create(1e-7);
        Vector256<double> d0 = Vector256<double>.One, d1 = d0, d2 = d0, d3 = d0, d4 = d0, d5 = d0, d6 = d0, d7 = d0, d8 = d0, d9 = d0, d10 = d0, d11 = d0;
        for (int i = 0; i < iterations; i++)
        {
            for (int r = 0; r < 4; r++)
            {
                d0 = Vector256.FusedMultiplyAdd(d0, m2, a2); d1 = Vector256.FusedMultiplyAdd(d1, m2, a2); d2 = Vector256.FusedMultiplyAdd(d2, m2, a2);
                d3 = Vector256.FusedMultiplyAdd(d3, m2, a2); d4 = Vector256.FusedMultiplyAdd(d4, m2, a2); d5 = Vector256.FusedMultiplyAdd(d5, m2, a2);
                d6 = Vector256.FusedMultiplyAdd(d6, m2, a2); d7 = Vector256.FusedMultiplyAdd(d7, m2, a2); d8 = Vector256.FusedMultiplyAdd(d8, m2, a2);
                d9 = Vector256.FusedMultiplyAdd(d9, m2, a2); d10 = Vector256.FusedMultiplyAdd(d10, m2, a2); d11 = Vector256.FusedMultiplyAdd(d11, m2, a2);
            }
        }
        return Vector256.Sum(((d0 + d1) + (d2 + d3)) + ((d4 + d5) + (d6 + d7)) + ((d8 + d9) + (d10 + d11)));
    }
}
