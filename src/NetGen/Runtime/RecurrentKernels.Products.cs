using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>The products of the recurrent kernels: W v + b, W^T v, and a weight row's sum over the steps.</summary>
public static partial class RecurrentKernels
{
    /// <summary>y[r] = W[r, :] . x + b[r] for every row of W <c>[rows, cols]</c>.</summary>
    private static void MatVec<T>(ReadOnlySpan<T> w, int cols, ReadOnlySpan<T> x, ReadOnlySpan<T> b, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < y.Length; r++)
        {
            y[r] = Kernels.DotCore(w.Slice(r * cols, cols), x) + b[r];
        }
    }

    /// <summary>y += W^T v: each row of W <c>[v.Length, cols]</c> scaled by its v and added (rows are contiguous).</summary>
    private static void TransposedProduct<T>(ReadOnlySpan<T> w, int cols, ReadOnlySpan<T> v, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < v.Length; r++)
        {
            Kernels.AddScaledCore(v[r], w.Slice(r * cols, cols), y);
        }
    }

    /// <summary>
    /// target[c] += sum over steps t in [first, steps) of (scale * d[t * stride + column]) * source[(t - shift) * cols + c]:
    /// one weight row's gradient summed over time, the row held in registers while the steps stream past.
    /// </summary>
    private static void AddRowProduct<T>(T scale, ReadOnlySpan<T> d, int stride, int column, ReadOnlySpan<T> source, int cols,
        int first, int steps, int shift, Span<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T dr = ref MemoryMarshal.GetReference(d);
        ref T sr = ref MemoryMarshal.GetReference(source);
        ref T tr = ref MemoryMarshal.GetReference(target);
        if (steps > first)
        {
            // Bounds the unchecked reads below: the last step's delta and source row are inside their spans.
            _ = d[(steps - 1) * stride + column];
            _ = source.Slice((steps - 1 - shift) * cols, cols);
        }
        _ = target.Slice(0, cols);
        int c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            int width = Vector256<T>.Count;
            for (; c <= cols - width; c += width)
            {
                Vector256<T> acc = Vector256.LoadUnsafe(ref tr, (nuint)c);
                for (int t = first; t < steps; t++)
                {
                    T a = scale * Unsafe.Add(ref dr, t * stride + column);
                    acc = Kernels.MultiplyAdd(Vector256.Create(a), Vector256.LoadUnsafe(ref sr, (nuint)((t - shift) * cols + c)), acc);
                }
                acc.StoreUnsafe(ref tr, (nuint)c);
            }
        }
        for (; c < cols; c++)
        {
            T acc = Unsafe.Add(ref tr, c);
            for (int t = first; t < steps; t++)
            {
                acc += scale * Unsafe.Add(ref dr, t * stride + column) * Unsafe.Add(ref sr, (t - shift) * cols + c);
            }
            Unsafe.Add(ref tr, c) = acc;
        }
    }
}
