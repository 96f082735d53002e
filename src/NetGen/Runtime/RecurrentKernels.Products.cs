using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>The products of the recurrent kernels: W v + b, W^T v, and a weight row's sum over the steps.</summary>
public static partial class RecurrentKernels
{
    /// <summary>y[r] = W[r, :] . x + b[r] for every row of W <c>[rows, cols]</c>: large layers, whose weights are not copied.</summary>
    private static void MatVec<T>(ReadOnlySpan<T> w, int cols, ReadOnlySpan<T> x, ReadOnlySpan<T> b, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < y.Length; r++)
        {
            y[r] = Kernels.DotCore(w.Slice(r * cols, cols), x) + b[r];
        }
    }

    /// <summary>
    /// <paramref name="transposed"/>[c * rows + r] = W[r, c] for W <c>[rows, cols]</c> row-major: the column-major copy
    /// <see cref="ColumnProduct"/> reads, so that one step's product runs across the gate rows in vectors.
    /// </summary>
    private static void Transpose<T>(ReadOnlySpan<T> w, int rows, int cols, Span<T> transposed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = w.Slice(r * cols, cols);
            for (int c = 0; c < cols; c++)
            {
                transposed[c * rows + r] = row[c];
            }
        }
    }

    /// <summary>
    /// y[r] = b[r] + W[r, 0] x[0] + W[r, 1] x[1] + ... in that order, for every row at once: W is read column by column
    /// from its column-major copy <paramref name="wt"/> (<c>[cols, rows]</c>), each column scaled by its x and added to
    /// blocks of rows held in registers. No horizontal sums, and no call per row: with a few hidden units and
    /// features a dot product per row spent more on reducing and calling than on multiplying.
    /// </summary>
    private static void ColumnProduct<T>(ReadOnlySpan<T> wt, int cols, ReadOnlySpan<T> x, ReadOnlySpan<T> b, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = y.Length;
        _ = wt.Slice(0, rows * cols);
        _ = x.Slice(0, cols);
        _ = b.Slice(0, rows);
        ref T wr = ref MemoryMarshal.GetReference(wt);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            int width = Vector256<T>.Count;
            for (; r <= rows - 4 * width; r += 4 * width)
            {
                Vector256<T> a0 = Vector256.LoadUnsafe(ref br, (nuint)r);
                Vector256<T> a1 = Vector256.LoadUnsafe(ref br, (nuint)(r + width));
                Vector256<T> a2 = Vector256.LoadUnsafe(ref br, (nuint)(r + 2 * width));
                Vector256<T> a3 = Vector256.LoadUnsafe(ref br, (nuint)(r + 3 * width));
                for (int c = 0; c < cols; c++)
                {
                    Vector256<T> xc = Vector256.Create(Unsafe.Add(ref xr, c));
                    nuint at = (nuint)(c * rows + r);
                    a0 = Kernels.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at), xc, a0);
                    a1 = Kernels.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at + (nuint)width), xc, a1);
                    a2 = Kernels.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at + (nuint)(2 * width)), xc, a2);
                    a3 = Kernels.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at + (nuint)(3 * width)), xc, a3);
                }
                a0.StoreUnsafe(ref yr, (nuint)r);
                a1.StoreUnsafe(ref yr, (nuint)(r + width));
                a2.StoreUnsafe(ref yr, (nuint)(r + 2 * width));
                a3.StoreUnsafe(ref yr, (nuint)(r + 3 * width));
            }
            for (; r <= rows - width; r += width)
            {
                Vector256<T> a = Vector256.LoadUnsafe(ref br, (nuint)r);
                for (int c = 0; c < cols; c++)
                {
                    a = Kernels.MultiplyAdd(Vector256.LoadUnsafe(ref wr, (nuint)(c * rows + r)), Vector256.Create(Unsafe.Add(ref xr, c)), a);
                }
                a.StoreUnsafe(ref yr, (nuint)r);
            }
        }
        for (; r < rows; r++)
        {
            T a = Unsafe.Add(ref br, r);
            for (int c = 0; c < cols; c++)
            {
                a += Unsafe.Add(ref wr, c * rows + r) * Unsafe.Add(ref xr, c);
            }
            Unsafe.Add(ref yr, r) = a;
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
