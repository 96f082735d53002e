using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// The vectorised inner loops that generated code calls when a network is too large to unroll
/// (CodeStyle.Loops): a dot product, a scaled add and a layer's sigmoid. Each uses the widest vectors
/// the machine accelerates (512, then 256 bits) and, from .NET 9, fused multiply-adds and
/// <c>Vector.Exp</c>; without SIMD they fall back to scalar loops.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Kernels
{
    /// <summary>Returns sum_k x[k] * y[k]; x and y have the same length.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => DotCore(x, y);

    /// <summary>Returns sum_k x[k] * y[k]; x and y have the same length.</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => DotCore(x, y);

    /// <summary>y[k] += a * x[k] for every k; x and y have the same length.</summary>
    public static void AddScaled(double a, ReadOnlySpan<double> x, Span<double> y) => AddScaledCore(a, x, y);

    /// <summary>y[k] += a * x[k] for every k; x and y have the same length.</summary>
    public static void AddScaled(float a, ReadOnlySpan<float> x, Span<float> y) => AddScaledCore(a, x, y);

    /// <summary>values[k] = 1 / (1 + e^-values[k]) for every k: a sigmoid layer's outputs from its sums.</summary>
    public static void Sigmoid(Span<double> values) => SigmoidCore(values);

    /// <summary>values[k] = 1 / (1 + e^-values[k]) for every k: a sigmoid layer's outputs from its sums.</summary>
    public static void Sigmoid(Span<float> values) => SigmoidCore(values);

    // Generic cores; the public overloads exist because C# type inference does not see the
    // Span -> ReadOnlySpan conversion that generated code relies on.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T DotCore<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length;
        y = y.Slice(0, n);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        T sum = T.Zero;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            // Four accumulators hide the latency of the adds.
            int width = Vector512<T>.Count;
            Vector512<T> a0 = Vector512<T>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i <= n - 4 * width; i += 4 * width)
            {
                a0 = MultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i), a0);
                a1 = MultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)(i + width)), Vector512.LoadUnsafe(ref yr, (nuint)(i + width)), a1);
                a2 = MultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)(i + 2 * width)), Vector512.LoadUnsafe(ref yr, (nuint)(i + 2 * width)), a2);
                a3 = MultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)(i + 3 * width)), Vector512.LoadUnsafe(ref yr, (nuint)(i + 3 * width)), a3);
            }
            for (; i <= n - width; i += width)
            {
                a0 = MultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i), a0);
            }
            sum = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            Vector256<T> a0 = Vector256<T>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i <= n - 4 * width; i += 4 * width)
            {
                a0 = MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), a0);
                a1 = MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + width)), Vector256.LoadUnsafe(ref yr, (nuint)(i + width)), a1);
                a2 = MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 2 * width)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 2 * width)), a2);
                a3 = MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 3 * width)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 3 * width)), a3);
            }
            for (; i <= n - width; i += width)
            {
                a0 = MultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), a0);
            }
            sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        }
        for (; i < n; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddScaledCore<T>(T a, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length;
        y = y.Slice(0, n);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            int width = Vector512<T>.Count;
            Vector512<T> av = Vector512.Create(a);
            // Four vectors per iteration: the loop's own compare and branch then cost a quarter as much.
            for (; i <= n - 4 * width; i += 4 * width)
            {
                MultiplyAdd(av, Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
                MultiplyAdd(av, Vector512.LoadUnsafe(ref xr, (nuint)(i + width)), Vector512.LoadUnsafe(ref yr, (nuint)(i + width))).StoreUnsafe(ref yr, (nuint)(i + width));
                MultiplyAdd(av, Vector512.LoadUnsafe(ref xr, (nuint)(i + 2 * width)), Vector512.LoadUnsafe(ref yr, (nuint)(i + 2 * width))).StoreUnsafe(ref yr, (nuint)(i + 2 * width));
                MultiplyAdd(av, Vector512.LoadUnsafe(ref xr, (nuint)(i + 3 * width)), Vector512.LoadUnsafe(ref yr, (nuint)(i + 3 * width))).StoreUnsafe(ref yr, (nuint)(i + 3 * width));
            }
            for (; i <= n - width; i += width)
            {
                MultiplyAdd(av, Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            int width = Vector256<T>.Count;
            Vector256<T> av = Vector256.Create(a);
            for (; i <= n - 2 * width; i += 2 * width)
            {
                MultiplyAdd(av, Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
                MultiplyAdd(av, Vector256.LoadUnsafe(ref xr, (nuint)(i + width)), Vector256.LoadUnsafe(ref yr, (nuint)(i + width))).StoreUnsafe(ref yr, (nuint)(i + width));
            }
            for (; i <= n - width; i += width)
            {
                MultiplyAdd(av, Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            y[i] += a * x[i];
        }
    }

    // Fully optimised from the first call: Vector256.Exp's multiply-adds are fused only in optimised code, so a value's
    // bits would otherwise depend on the tier its caller had reached (and differ from the product tiles' sigmoid).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SigmoidCore<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated && (typeof(T) == typeof(double) || typeof(T) == typeof(float)))
        {
            // Whole vectors, then the last few values padded out to one more vector, so that every value
            // goes through the same Vector256.Exp.
            int width = Vector256<T>.Count, i = 0;
            ref T r = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - width; i += width)
            {
                Sigmoid(Vector256.LoadUnsafe(ref r, (nuint)i)).StoreUnsafe(ref r, (nuint)i);
            }
            if (i < values.Length)
            {
                Span<T> tail = stackalloc T[Vector256<T>.Count];
                tail.Clear();
                values.Slice(i).CopyTo(tail);
                Sigmoid(Vector256.Create<T>(tail)).CopyTo(tail);
                tail.Slice(0, values.Length - i).CopyTo(values.Slice(i));
            }
            return;
        }
#endif
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = T.One / (T.One + T.Exp(-values[k]));
        }
    }

#if NET9_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> Sigmoid<T>(Vector256<T> sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> one = Vector256<T>.One;
        if (typeof(T) == typeof(double))
        {
            return one / (one + Vector256.Exp(-sum.As<T, double>()).As<double, T>());
        }
        return one / (one + Vector256.Exp(-sum.As<T, float>()).As<float, T>());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> MultiplyAdd<T>(Vector512<T> x, Vector512<T> y, Vector512<T> addend) => typeof(T) == typeof(double)
        ? Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>()
        : Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> MultiplyAdd<T>(Vector256<T> x, Vector256<T> y, Vector256<T> addend) => typeof(T) == typeof(double)
        ? Vector256.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>()
        : Vector256.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> MultiplyAdd<T>(Vector512<T> x, Vector512<T> y, Vector512<T> addend) => x * y + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> MultiplyAdd<T>(Vector256<T> x, Vector256<T> y, Vector256<T> addend) => x * y + addend;
#endif
}
