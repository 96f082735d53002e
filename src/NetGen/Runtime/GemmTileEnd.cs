using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// What a <see cref="GemmMicroKernel"/> tile does to its finished sums before storing them: nothing (the default),
/// or add the bias of its columns and take the sigmoid while the tile is in L1 (a sigmoid layer's
/// outputs without a second pass over the batch). The bias is one value per column, or
/// one value shared by every column.
/// </summary>
internal readonly ref struct TileEnd<T>
    where T : unmanaged
{
    private readonly ref T _bias;
    private readonly bool _shared;

    public TileEnd(ref T start, bool shared)
    {
        _bias = ref start;
        _shared = shared;
        Sigmoid = true;
    }

    /// <summary>Whether the tile adds the bias and takes the sigmoid.</summary>
    public bool Sigmoid { get; }

    /// <summary>The bias of a tile's two vectors of columns (zero when there is none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Bias(nuint width, out Vector512<T> low, out Vector512<T> high)
    {
        if (!Sigmoid)
        {
            low = high = Vector512<T>.Zero;
            return;
        }
        low = _shared ? Vector512.Create(_bias) : Vector512.LoadUnsafe(ref _bias);
        high = _shared ? low : Vector512.LoadUnsafe(ref _bias, width);
    }

    /// <inheritdoc cref="Bias(nuint, out Vector512{T}, out Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Bias(nuint width, out Vector256<T> low, out Vector256<T> high)
    {
        if (!Sigmoid)
        {
            low = high = Vector256<T>.Zero;
            return;
        }
        low = _shared ? Vector256.Create(_bias) : Vector256.LoadUnsafe(ref _bias);
        high = _shared ? low : Vector256.LoadUnsafe(ref _bias, width);
    }
}
