using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

public static partial class Kernels
{
    /// <summary>
    /// Each row of <paramref name="values"/> (rows of <c>bias.Length</c>) plus the bias, then the sigmoid: a sigmoid
    /// layer's outputs from a batch's sums, in one pass while the row is in L1 (a separate bias pass then a sigmoid
    /// pass read the whole batch twice). The same adds and the same vector sigmoid as that pair, so the same bits.
    /// </summary>
    public static void AddBiasSigmoid(Span<double> values, ReadOnlySpan<double> bias) => AddBiasSigmoidCore(values, bias);

    /// <inheritdoc cref="AddBiasSigmoid(Span{double}, ReadOnlySpan{double})"/>
    public static void AddBiasSigmoid(Span<float> values, ReadOnlySpan<float> bias) => AddBiasSigmoidCore(values, bias);

    private static void AddBiasSigmoidCore<T>(Span<T> values, ReadOnlySpan<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int units = bias.Length;
        if (units == 0 || values.Length % units != 0)
        {
            throw new ArgumentException("The values are not whole rows of the bias's length.", nameof(values));
        }
        if (units < 4 * Vector256<T>.Count)
        {
            // Narrow rows (an output layer): the sigmoid acts lane by lane, so one pass over the whole batch gives
            // each value the bits of its row's own pass without a padded tail per row.
            for (int row = 0; row < values.Length; row += units)
            {
                AddInPlace(bias, values.Slice(row, units));
            }
            SigmoidCore(values);
            return;
        }
        for (int row = 0; row < values.Length; row += units)
        {
            Span<T> sums = values.Slice(row, units);
            AddInPlace(bias, sums);
            SigmoidCore(sums);
        }
    }

    /// <summary>y[k] += x[k]: plain adds, vector by vector, the last few one at a time.</summary>
    internal static void AddInPlace<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref yr, (nuint)i) + Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) += Unsafe.Add(ref xr, i);
        }
    }

    /// <summary>
    /// A row's sums plus the bias (one per value, or one <paramref name="bias"/> value shared by all), then the
    /// sigmoid: the same adds and sigmoid as <see cref="AddBiasSigmoid(Span{float}, ReadOnlySpan{float})"/>, for
    /// the edge tiles of <see cref="Gemm"/>'s fused product.
    /// </summary>
    internal static void AddBiasSigmoidRow<T>(Span<T> row, ReadOnlySpan<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bias.Length == row.Length)
        {
            AddInPlace(bias, row);
        }
        else
        {
            T shared = bias[0];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] += shared;
            }
        }
        SigmoidCore(row);
    }

    /// <summary>Whether <see cref="SigmoidCore"/> runs on vectors, so that a product's tiles can apply it in registers.</summary>
    internal static bool SigmoidIsVector<T>()
        where T : unmanaged
    {
#if NET9_0_OR_GREATER
        return Vector256.IsHardwareAccelerated && (typeof(T) == typeof(double) || typeof(T) == typeof(float));
#else
        return false;
#endif
    }

#if NET9_0_OR_GREATER
    /// <summary>
    /// The sigmoid with the bits of <see cref="SigmoidCore"/>'s 256-bit pass in every lane: float's Vector512.Exp keeps
    /// Vector256.Exp's bits (GemmBiasSigmoidTests checks the whole range), double's does not, so double takes each half.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Sigmoid<T>(Vector512<T> sum)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double)
            ? Vector512.Create(Sigmoid(sum.GetLower()), Sigmoid(sum.GetUpper()))
            : (Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-sum.As<T, float>()))).As<float, T>();
#endif
}
