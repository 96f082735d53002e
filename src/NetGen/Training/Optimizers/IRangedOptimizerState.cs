using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// A built-in optimizer state that can take one step in parts: <see cref="BeginStep"/> once, then
/// <see cref="StepRange"/> over disjoint ranges of the parameters, on any threads. Every update is element by
/// element, so the parts give the same bits as one <see cref="IOptimizerState{T}.Step"/> whatever the split; the
/// trainer uses it to spread a large network's update over its worker threads.
/// </summary>
internal interface IRangedOptimizerState<T> : IOptimizerState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Advances the step count (Adam's t) and what depends on it only; call once per step, before the ranges.</summary>
    void BeginStep();

    /// <summary>
    /// Updates parameters <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> - 1 of
    /// <paramref name="parameters"/> (the whole vector). <paramref name="gradient"/> holds just the range's
    /// gradient (<c>gradient[i]</c> is parameter <c>start + i</c>'s), so a caller can keep it in a small buffer.
    /// <paramref name="trainable"/> (the whole vector's) is 1 for a parameter that may change and 0 for one that
    /// may not (<see cref="TrainableMask"/>), or empty when every parameter may; a frozen parameter and its state
    /// are left exactly as they were.
    /// </summary>
    void StepRange(Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<T> trainable, int start, int length);
}

/// <summary>
/// A network type's trainable flags as numbers (1 or 0), made once per type and never written after; empty when
/// every parameter is trainable, which <see cref="IRangedOptimizerState{T}.StepRange"/> and the update read as
/// "no mask" (so they read nothing, and no array is made).
/// </summary>
internal static class TrainableMask<TNet, T>
    where TNet : INetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly T[] Values = TNet.ParameterIsTrainable.Contains(false)
        ? TrainableMask.Create<T>(TNet.ParameterIsTrainable)
        : Array.Empty<T>();
}

/// <summary>The trainable flags as numbers (1 or 0), so that updates can pick per element inside a vector.</summary>
internal static class TrainableMask
{
    public static T[] Create<T>(ReadOnlySpan<bool> trainable)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mask = new T[trainable.Length];
        for (int k = 0; k < mask.Length; k++)
        {
            mask[k] = trainable[k] ? T.One : T.Zero;
        }
        return mask;
    }

    /// <summary>Whether SIMD paths apply to <typeparamref name="T"/>.</summary>
    public static bool Vectorized<T>()
        where T : unmanaged =>
        Vector.IsHardwareAccelerated && Vector<T>.IsSupported;

    /// <summary>All bits set in the lanes whose flag is 1 (every lane when <paramref name="trainable"/> is empty).</summary>
    public static Vector<T> Lanes<T>(ReadOnlySpan<T> trainable, int k)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        trainable.IsEmpty ? Vector<T>.AllBitsSet : Vector.Equals(new Vector<T>(trainable.Slice(k)), Vector<T>.One);

    /// <summary>Whether parameter <paramref name="k"/> may change (always when <paramref name="trainable"/> is empty).</summary>
    public static bool IsTrainable<T>(ReadOnlySpan<T> trainable, int k)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        trainable.IsEmpty || trainable[k] == T.One;
}
