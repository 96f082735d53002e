using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks;

/// <summary>
/// The floor: only the exp evaluations and multiply-adds that an operation needs (see
/// <see cref="Workload{T}.Exps"/>, <see cref="Workload{T}.TrainingMultiplyAdds"/>), each done in one tight
/// loop with no dependencies between them, and nothing else (no division, no loss, no data movement).
/// With <c>simd</c>, both loops are TensorPrimitives' vectorised kernels (Exp over a buffer, Dot): the best
/// any implementation could reach. Without, scalar <c>T.Exp</c> calls and scalar multiply-adds with four
/// independent accumulators: the best a scalar implementation could reach.
/// </summary>
public sealed class FloorSubject<T> : Subject
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Workload<T> _w;
    private readonly bool _simd;
    private readonly T[] _expIn, _expOut, _a, _b;

    public FloorSubject(Workload<T> workload, bool simd)
    {
        _w = workload;
        _simd = simd;
        int exps = workload.Exps * Workload<T>.BatchSize, macs = Math.Max(workload.TrainingMultiplyAdds, BatchMultiplyAdds(workload));
        _expIn = Enumerable.Range(0, exps).Select(k => T.CreateTruncating(-(k % 7) * 0.25)).ToArray();
        _expOut = new T[exps];
        _a = Enumerable.Range(0, macs).Select(k => T.CreateTruncating(1e-3 * (k % 5))).ToArray();
        _b = Enumerable.Range(0, macs).Select(k => T.CreateTruncating(1e-3 * (k % 3))).ToArray();
    }

    public override double Forward() => double.CreateTruncating(Work(_w.Exps, _w.Weights));

    public override double TrainStep() => double.CreateTruncating(Work(_w.Exps, _w.TrainingMultiplyAdds));

    public override double Epoch()
    {
        // Per batch: the exps of all its samples in one loop, each sample's multiply-adds, and the update.
        T total = T.Zero;
        int batch = Workload<T>.BatchSize;
        for (int start = 0; start < Workload<T>.Samples; start += batch)
        {
            total += Exps(_w.Exps * batch);
            int all = _w.TrainingMultiplyAdds * batch, chunk = BatchMultiplyAdds(_w);
            if (chunk == all)
            {
                total += MultiplyAdds(all);
            }
            else
            {
                for (int s = 0; s < batch; s++)
                {
                    total += MultiplyAdds(_w.TrainingMultiplyAdds);
                }
            }
            total += MultiplyAdds(_w.Weights);
        }
        return double.CreateTruncating(total);
    }

    public override double[] Outputs() => Array.Empty<double>();

    /// <summary>
    /// A batch's multiply-adds run as one loop when their operands fit in the L2 cache (as a network's
    /// weights do); larger networks' run one sample at a time over the same (cached) buffers.
    /// </summary>
    private static int BatchMultiplyAdds(Workload<T> w) =>
        w.TrainingMultiplyAdds * Workload<T>.BatchSize <= 32_768 ? w.TrainingMultiplyAdds * Workload<T>.BatchSize : w.TrainingMultiplyAdds;

    private T Work(int exps, int macs) => Exps(exps) + MultiplyAdds(macs);

    private T Exps(int count)
    {
        if (_simd)
        {
            TensorPrimitives.Exp(_expIn.AsSpan(0, count), _expOut.AsSpan(0, count));
            return _expOut[0];
        }
        T sum = T.Zero;
        ref T x = ref MemoryMarshal.GetArrayDataReference(_expIn);
        for (int k = 0; k < count; k++)
        {
            sum += T.Exp(System.Runtime.CompilerServices.Unsafe.Add(ref x, k));
        }
        return sum;
    }

    private T MultiplyAdds(int count)
    {
        if (_simd)
        {
            return TensorPrimitives.Dot<T>(_a.AsSpan(0, count), _b.AsSpan(0, count));
        }
        T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
        ref T a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref T b = ref MemoryMarshal.GetArrayDataReference(_b);
        int k = 0;
        for (; k + 3 < count; k += 4)
        {
            s0 = T.FusedMultiplyAdd(System.Runtime.CompilerServices.Unsafe.Add(ref a, k), System.Runtime.CompilerServices.Unsafe.Add(ref b, k), s0);
            s1 = T.FusedMultiplyAdd(System.Runtime.CompilerServices.Unsafe.Add(ref a, k + 1), System.Runtime.CompilerServices.Unsafe.Add(ref b, k + 1), s1);
            s2 = T.FusedMultiplyAdd(System.Runtime.CompilerServices.Unsafe.Add(ref a, k + 2), System.Runtime.CompilerServices.Unsafe.Add(ref b, k + 2), s2);
            s3 = T.FusedMultiplyAdd(System.Runtime.CompilerServices.Unsafe.Add(ref a, k + 3), System.Runtime.CompilerServices.Unsafe.Add(ref b, k + 3), s3);
        }
        for (; k < count; k++)
        {
            s0 = T.FusedMultiplyAdd(System.Runtime.CompilerServices.Unsafe.Add(ref a, k), System.Runtime.CompilerServices.Unsafe.Add(ref b, k), s0);
        }
        return s0 + s1 + s2 + s3;
    }
}
