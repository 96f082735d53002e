using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// The vectorised inner loops that generated code calls when a network is too large to unroll
/// (CodeStyle.Loops): a dot product and a scaled add, over <see cref="Vector{T}"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Kernels
{
    /// <summary>Returns sum_k x[k] * y[k]; x and y have the same length.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => DotCore(x, y);

    /// <summary>Returns sum_k x[k] * y[k]; x and y have the same length.</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => DotCore(x, y);

    /// <summary>y[k] += a * x[k] for every k; x and y have the same length.</summary>
    public static void AddScaled(double a, ReadOnlySpan<double> x, Span<double> y) => AddScaledCore(a, x, y);

    /// <summary>y[k] += a * x[k] for every k; x and y have the same length.</summary>
    public static void AddScaled(float a, ReadOnlySpan<float> x, Span<float> y) => AddScaledCore(a, x, y);

    // Generic cores; the public overloads exist because C# type inference does not see the
    // Span -> ReadOnlySpan conversion that generated code relies on.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T DotCore<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= 2 * Vector<T>.Count)
        {
            // Two accumulators hide the latency of the adds.
            ReadOnlySpan<Vector<T>> xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            ReadOnlySpan<Vector<T>> yv = MemoryMarshal.Cast<T, Vector<T>>(y.Slice(0, x.Length));
            Vector<T> acc0 = Vector<T>.Zero, acc1 = Vector<T>.Zero;
            int v = 0;
            for (; v + 1 < xv.Length; v += 2)
            {
                acc0 += xv[v] * yv[v];
                acc1 += xv[v + 1] * yv[v + 1];
            }
            if (v < xv.Length)
            {
                acc0 += xv[v] * yv[v];
            }
            sum = Vector.Sum(acc0 + acc1);
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaledCore<T>(T a, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            ReadOnlySpan<Vector<T>> xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            Span<Vector<T>> yv = MemoryMarshal.Cast<T, Vector<T>>(y.Slice(0, x.Length));
            Vector<T> av = new(a);
            for (int v = 0; v < xv.Length; v++)
            {
                yv[v] += av * xv[v];
            }
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
