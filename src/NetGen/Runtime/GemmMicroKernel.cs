using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// The register-blocked heart of <see cref="Gemm"/>: one MR x NR tile of C from a packed panel of A (MR rows) and
/// one of B (NR = two vectors of columns). Its 12 accumulators live in SIMD registers for the whole depth, so each
/// step costs two vector loads, six broadcasts and twelve fused multiply-adds, and C is touched once per tile.
/// Every element is the sum over the depth in order from a zero start, then added to C (or stored), so a value
/// never depends on where its tile sits.
/// </summary>
internal static class GemmMicroKernel
{
    /// <summary>Rows per tile.</summary>
    public const int MR = 6;

    /// <summary>Rows of A packed per block: a multiple of MR whose panels stay in L2.</summary>
    public const int MC = 120;

    /// <summary>Columns of B packed per block.</summary>
    public const int NC = 2048;

    /// <summary>Whether the tiles run on SIMD (otherwise Gemm uses plain loops).</summary>
    public static bool IsAccelerated<T>()
        where T : unmanaged => (typeof(T) == typeof(double) || typeof(T) == typeof(float)) && (Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated);

    /// <summary>Columns per tile: two of the widest accelerated vectors.</summary>
    public static int NR<T>()
        where T : unmanaged => 2 * (Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256<T>.Count);

    /// <summary>Depth per packed block: a B panel of KC x NR values then fills about 16 KB, half of L1.</summary>
    public static int KC<T>()
        where T : unmanaged => 16384 / (NR<T>() * Unsafe.SizeOf<T>());

    /// <summary>C[MR x NR] (+)= the packed A panel times the packed B panel over <paramref name="depth"/> steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile<T>(int depth, ref T a, ref T b, ref T c, int ldc, bool accumulate, in TileEnd<T> end = default, bool narrow = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (narrow)
        {
            GemmNarrowKernel.Tile(depth, ref a, MR, 1, ref b, ref c, ldc, accumulate);
        }
        else if (Vector512.IsHardwareAccelerated)
        {
            Tile512(depth, ref a, ref b, ref c, ldc, accumulate, end);
        }
        else
        {
            Tile256(depth, ref a, ref b, ref c, ldc, accumulate, end);
        }
    }

    /// <summary>
    /// C[MR x NR] (+)= MR rows of a row-major A read in place (row r at <paramref name="a"/> + r * <paramref name="lda"/>)
    /// times the packed B panel: the same sums as <see cref="Tile"/> on the packed rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TileRows<T>(int depth, ref T a, int lda, ref T b, ref T c, int ldc, bool accumulate, in TileEnd<T> end = default, bool narrow = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (narrow)
        {
            GemmNarrowKernel.Tile(depth, ref a, 1, lda, ref b, ref c, ldc, accumulate);
        }
        else if (Vector512.IsHardwareAccelerated)
        {
            Tile512Rows(depth, ref a, lda, ref b, ref c, ldc, accumulate, end);
        }
        else
        {
            Tile256Rows(depth, ref a, lda, ref b, ref c, ldc, accumulate, end);
        }
    }

    private static void Tile512<T>(int depth, ref T a, ref T b, ref T c, int ldc, bool accumulate, in TileEnd<T> end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint width = (nuint)Vector512<T>.Count;
        Vector512<T> c00 = Vector512<T>.Zero, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < depth; p++)
        {
            Vector512<T> b0 = Vector512.LoadUnsafe(ref b);
            Vector512<T> b1 = Vector512.LoadUnsafe(ref b, width);
            Vector512<T> a0 = Vector512.Create(Unsafe.Add(ref a, 0));
            c00 = Kernels.MultiplyAdd(a0, b0, c00);
            c01 = Kernels.MultiplyAdd(a0, b1, c01);
            Vector512<T> a1 = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Kernels.MultiplyAdd(a1, b0, c10);
            c11 = Kernels.MultiplyAdd(a1, b1, c11);
            Vector512<T> a2 = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Kernels.MultiplyAdd(a2, b0, c20);
            c21 = Kernels.MultiplyAdd(a2, b1, c21);
            Vector512<T> a3 = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Kernels.MultiplyAdd(a3, b0, c30);
            c31 = Kernels.MultiplyAdd(a3, b1, c31);
            Vector512<T> a4 = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Kernels.MultiplyAdd(a4, b0, c40);
            c41 = Kernels.MultiplyAdd(a4, b1, c41);
            Vector512<T> a5 = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Kernels.MultiplyAdd(a5, b0, c50);
            c51 = Kernels.MultiplyAdd(a5, b1, c51);
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, 2 * (int)width);
        }
        Store(c00, c01, ref Unsafe.Add(ref c, 0 * ldc), width, accumulate);
        Store(c10, c11, ref Unsafe.Add(ref c, 1 * ldc), width, accumulate);
        Store(c20, c21, ref Unsafe.Add(ref c, 2 * ldc), width, accumulate);
        Store(c30, c31, ref Unsafe.Add(ref c, 3 * ldc), width, accumulate);
        Store(c40, c41, ref Unsafe.Add(ref c, 4 * ldc), width, accumulate);
        Store(c50, c51, ref Unsafe.Add(ref c, 5 * ldc), width, accumulate);
        if (end.Sigmoid)
        {
            BiasSigmoid512(ref c, ldc, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector512<T> low, Vector512<T> high, ref T row, nuint width, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate)
        {
            low += Vector512.LoadUnsafe(ref row);
            high += Vector512.LoadUnsafe(ref row, width);
        }
        low.StoreUnsafe(ref row);
        high.StoreUnsafe(ref row, width);
    }

    private static void Tile256<T>(int depth, ref T a, ref T b, ref T c, int ldc, bool accumulate, in TileEnd<T> end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint width = (nuint)Vector256<T>.Count;
        Vector256<T> c00 = Vector256<T>.Zero, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < depth; p++)
        {
            Vector256<T> b0 = Vector256.LoadUnsafe(ref b);
            Vector256<T> b1 = Vector256.LoadUnsafe(ref b, width);
            Vector256<T> a0 = Vector256.Create(Unsafe.Add(ref a, 0));
            c00 = Kernels.MultiplyAdd(a0, b0, c00);
            c01 = Kernels.MultiplyAdd(a0, b1, c01);
            Vector256<T> a1 = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Kernels.MultiplyAdd(a1, b0, c10);
            c11 = Kernels.MultiplyAdd(a1, b1, c11);
            Vector256<T> a2 = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Kernels.MultiplyAdd(a2, b0, c20);
            c21 = Kernels.MultiplyAdd(a2, b1, c21);
            Vector256<T> a3 = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Kernels.MultiplyAdd(a3, b0, c30);
            c31 = Kernels.MultiplyAdd(a3, b1, c31);
            Vector256<T> a4 = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Kernels.MultiplyAdd(a4, b0, c40);
            c41 = Kernels.MultiplyAdd(a4, b1, c41);
            Vector256<T> a5 = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Kernels.MultiplyAdd(a5, b0, c50);
            c51 = Kernels.MultiplyAdd(a5, b1, c51);
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, 2 * (int)width);
        }
        Store(c00, c01, ref Unsafe.Add(ref c, 0 * ldc), width, accumulate);
        Store(c10, c11, ref Unsafe.Add(ref c, 1 * ldc), width, accumulate);
        Store(c20, c21, ref Unsafe.Add(ref c, 2 * ldc), width, accumulate);
        Store(c30, c31, ref Unsafe.Add(ref c, 3 * ldc), width, accumulate);
        Store(c40, c41, ref Unsafe.Add(ref c, 4 * ldc), width, accumulate);
        Store(c50, c51, ref Unsafe.Add(ref c, 5 * ldc), width, accumulate);
        if (end.Sigmoid)
        {
            BiasSigmoid256(ref c, ldc, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector256<T> low, Vector256<T> high, ref T row, nuint width, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate)
        {
            low += Vector256.LoadUnsafe(ref row);
            high += Vector256.LoadUnsafe(ref row, width);
        }
        low.StoreUnsafe(ref row);
        high.StoreUnsafe(ref row, width);
    }
    /// <summary>
    /// As <see cref="Tile512"/>, but reading A's MR rows where they are (row r at <paramref name="a"/> + r *
    /// <paramref name="lda"/>, depth steps contiguous) instead of from a packed panel: a row-major A needs no packing.
    /// The same multiply-adds in the same order, so the same bits.
    /// </summary>
    private static void Tile512Rows<T>(int depth, ref T a, nint lda, ref T b, ref T c, int ldc, bool accumulate, in TileEnd<T> end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint width = (nuint)Vector512<T>.Count;
        ref T a0r = ref a, a1r = ref Unsafe.Add(ref a, lda), a2r = ref Unsafe.Add(ref a, 2 * lda);
        ref T a3r = ref Unsafe.Add(ref a, 3 * lda), a4r = ref Unsafe.Add(ref a, 4 * lda), a5r = ref Unsafe.Add(ref a, 5 * lda);
        Vector512<T> c00 = Vector512<T>.Zero, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (nint p = 0; p < depth; p++)
        {
            Vector512<T> b0 = Vector512.LoadUnsafe(ref b);
            Vector512<T> b1 = Vector512.LoadUnsafe(ref b, width);
            Vector512<T> a0 = Vector512.Create(Unsafe.Add(ref a0r, p));
            c00 = Kernels.MultiplyAdd(a0, b0, c00);
            c01 = Kernels.MultiplyAdd(a0, b1, c01);
            Vector512<T> a1 = Vector512.Create(Unsafe.Add(ref a1r, p));
            c10 = Kernels.MultiplyAdd(a1, b0, c10);
            c11 = Kernels.MultiplyAdd(a1, b1, c11);
            Vector512<T> a2 = Vector512.Create(Unsafe.Add(ref a2r, p));
            c20 = Kernels.MultiplyAdd(a2, b0, c20);
            c21 = Kernels.MultiplyAdd(a2, b1, c21);
            Vector512<T> a3 = Vector512.Create(Unsafe.Add(ref a3r, p));
            c30 = Kernels.MultiplyAdd(a3, b0, c30);
            c31 = Kernels.MultiplyAdd(a3, b1, c31);
            Vector512<T> a4 = Vector512.Create(Unsafe.Add(ref a4r, p));
            c40 = Kernels.MultiplyAdd(a4, b0, c40);
            c41 = Kernels.MultiplyAdd(a4, b1, c41);
            Vector512<T> a5 = Vector512.Create(Unsafe.Add(ref a5r, p));
            c50 = Kernels.MultiplyAdd(a5, b0, c50);
            c51 = Kernels.MultiplyAdd(a5, b1, c51);
            b = ref Unsafe.Add(ref b, 2 * (int)width);
        }
        Store(c00, c01, ref Unsafe.Add(ref c, 0 * ldc), width, accumulate);
        Store(c10, c11, ref Unsafe.Add(ref c, 1 * ldc), width, accumulate);
        Store(c20, c21, ref Unsafe.Add(ref c, 2 * ldc), width, accumulate);
        Store(c30, c31, ref Unsafe.Add(ref c, 3 * ldc), width, accumulate);
        Store(c40, c41, ref Unsafe.Add(ref c, 4 * ldc), width, accumulate);
        Store(c50, c51, ref Unsafe.Add(ref c, 5 * ldc), width, accumulate);
        if (end.Sigmoid)
        {
            BiasSigmoid512(ref c, ldc, end);
        }
    }

    /// <summary>
    /// As <see cref="Tile256"/>, but reading A's MR rows where they are (row r at <paramref name="a"/> + r *
    /// <paramref name="lda"/>, depth steps contiguous) instead of from a packed panel: a row-major A needs no packing.
    /// The same multiply-adds in the same order, so the same bits.
    /// </summary>
    private static void Tile256Rows<T>(int depth, ref T a, nint lda, ref T b, ref T c, int ldc, bool accumulate, in TileEnd<T> end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint width = (nuint)Vector256<T>.Count;
        ref T a0r = ref a, a1r = ref Unsafe.Add(ref a, lda), a2r = ref Unsafe.Add(ref a, 2 * lda);
        ref T a3r = ref Unsafe.Add(ref a, 3 * lda), a4r = ref Unsafe.Add(ref a, 4 * lda), a5r = ref Unsafe.Add(ref a, 5 * lda);
        Vector256<T> c00 = Vector256<T>.Zero, c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (nint p = 0; p < depth; p++)
        {
            Vector256<T> b0 = Vector256.LoadUnsafe(ref b);
            Vector256<T> b1 = Vector256.LoadUnsafe(ref b, width);
            Vector256<T> a0 = Vector256.Create(Unsafe.Add(ref a0r, p));
            c00 = Kernels.MultiplyAdd(a0, b0, c00);
            c01 = Kernels.MultiplyAdd(a0, b1, c01);
            Vector256<T> a1 = Vector256.Create(Unsafe.Add(ref a1r, p));
            c10 = Kernels.MultiplyAdd(a1, b0, c10);
            c11 = Kernels.MultiplyAdd(a1, b1, c11);
            Vector256<T> a2 = Vector256.Create(Unsafe.Add(ref a2r, p));
            c20 = Kernels.MultiplyAdd(a2, b0, c20);
            c21 = Kernels.MultiplyAdd(a2, b1, c21);
            Vector256<T> a3 = Vector256.Create(Unsafe.Add(ref a3r, p));
            c30 = Kernels.MultiplyAdd(a3, b0, c30);
            c31 = Kernels.MultiplyAdd(a3, b1, c31);
            Vector256<T> a4 = Vector256.Create(Unsafe.Add(ref a4r, p));
            c40 = Kernels.MultiplyAdd(a4, b0, c40);
            c41 = Kernels.MultiplyAdd(a4, b1, c41);
            Vector256<T> a5 = Vector256.Create(Unsafe.Add(ref a5r, p));
            c50 = Kernels.MultiplyAdd(a5, b0, c50);
            c51 = Kernels.MultiplyAdd(a5, b1, c51);
            b = ref Unsafe.Add(ref b, 2 * (int)width);
        }
        Store(c00, c01, ref Unsafe.Add(ref c, 0 * ldc), width, accumulate);
        Store(c10, c11, ref Unsafe.Add(ref c, 1 * ldc), width, accumulate);
        Store(c20, c21, ref Unsafe.Add(ref c, 2 * ldc), width, accumulate);
        Store(c30, c31, ref Unsafe.Add(ref c, 3 * ldc), width, accumulate);
        Store(c40, c41, ref Unsafe.Add(ref c, 4 * ldc), width, accumulate);
        Store(c50, c51, ref Unsafe.Add(ref c, 5 * ldc), width, accumulate);
        if (end.Sigmoid)
        {
            BiasSigmoid256(ref c, ldc, end);
        }
    }

    /// <summary>
    /// A finished tile's bias and sigmoid, from the rows just stored (still in L1): kept out of the kernels, whose
    /// twelve inlined vector exponentials would bloat them past what the JIT optimises well. Fully optimised from the
    /// first call, as Kernels.SigmoidCore, so that the exponential's multiply-adds are fused in both and the bits agree.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BiasSigmoid512<T>(ref T c, int ldc, in TileEnd<T> end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        nuint width = (nuint)Vector512<T>.Count;
        end.Bias(width, out Vector512<T> biasLow, out Vector512<T> biasHigh);
        for (int r = 0; r < MR; r++)
        {
            ref T row = ref Unsafe.Add(ref c, r * ldc);
            Kernels.Sigmoid(Vector512.LoadUnsafe(ref row) + biasLow).StoreUnsafe(ref row);
            Kernels.Sigmoid(Vector512.LoadUnsafe(ref row, width) + biasHigh).StoreUnsafe(ref row, width);
        }
#endif
    }

    /// <inheritdoc cref="BiasSigmoid512"/>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BiasSigmoid256<T>(ref T c, int ldc, in TileEnd<T> end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        nuint width = (nuint)Vector256<T>.Count;
        end.Bias(width, out Vector256<T> biasLow, out Vector256<T> biasHigh);
        for (int r = 0; r < MR; r++)
        {
            ref T row = ref Unsafe.Add(ref c, r * ldc);
            Kernels.Sigmoid(Vector256.LoadUnsafe(ref row) + biasLow).StoreUnsafe(ref row);
            Kernels.Sigmoid(Vector256.LoadUnsafe(ref row, width) + biasHigh).StoreUnsafe(ref row, width);
        }
#endif
    }
}
