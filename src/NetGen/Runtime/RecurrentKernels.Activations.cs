using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// The cells' sigmoid and tanh over a row of gates at once: whole vectors through <c>Vector256.Exp</c> (.NET 9 and
/// later), the few values left over and older runtimes through the scalar formulas. Vector256.Exp may differ from
/// Math.Exp in the last bit, so loop and unrolled networks agree to rounding (about 1e-16), not bit for bit; Step and
/// Forward run the same rows through the same calls, so they agree bit for bit.
/// </summary>
public static partial class RecurrentKernels
{
    /// <summary>values[k] = 1 / (1 + e^-values[k]).</summary>
    private static void SigmoidInPlace<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
#if NET9_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            ref T r = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> x = Vector256.LoadUnsafe(ref r, (nuint)i);
                (Vector256<T>.One / (Vector256<T>.One + Exp(-x))).StoreUnsafe(ref r, (nuint)i);
            }
        }
#endif
        for (; i < values.Length; i++)
        {
            values[i] = Sigmoid(values[i]);
        }
    }

    /// <summary>values[k] = tanh(values[k]), as sign(x) (1 - e^-2|x|) / (1 + e^-2|x|) in vectors (finite for any x).</summary>
    private static void TanhInPlace<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
#if NET9_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            ref T r = ref MemoryMarshal.GetReference(values);
            Vector256<T> two = Vector256.Create(T.One + T.One);
            for (; i <= values.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> x = Vector256.LoadUnsafe(ref r, (nuint)i);
                Vector256<T> e = Exp(-two * Vector256.Abs(x));
                Vector256<T> y = (Vector256<T>.One - e) / (Vector256<T>.One + e);
                Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), -y, y).StoreUnsafe(ref r, (nuint)i);
            }
        }
#endif
        for (; i < values.Length; i++)
        {
            values[i] = T.Tanh(values[i]);
        }
    }

#if NET9_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Exp<T>(Vector256<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> => typeof(T) == typeof(double)
        ? Vector256.Exp(x.As<T, double>()).As<double, T>()
        : Vector256.Exp(x.As<T, float>()).As<float, T>();
#endif
}
