using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// The tile of <see cref="GemmMicroKernel"/> for products of at most one vector of columns (an output layer of ten
/// units): MR rows by one vector, so that a 10-wide float product is not two-thirds padding in a two-vector tile.
/// The same multiply-adds per element in the same order from zero, so the same bits as the wide tile.
/// </summary>
internal static class GemmNarrowKernel
{
    /// <summary>
    /// C[MR x one vector] (+)= A times the packed B panel; A(r, p) = a[r * <paramref name="rowStep"/> + p *
    /// <paramref name="depthStep"/>] (a packed panel: MR and 1; rows read in place: 1 and the row length).
    /// </summary>
    public static void Tile<T>(int depth, ref T a, nint depthStep, nint rowStep, ref T b, ref T c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Tile512(depth, ref a, depthStep, rowStep, ref b, ref c, ldc, accumulate);
        }
        else
        {
            Tile256(depth, ref a, depthStep, rowStep, ref b, ref c, ldc, accumulate);
        }
    }

    private static void Tile512<T>(int depth, ref T a, nint depthStep, nint rowStep, ref T b, ref T c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T a0r = ref a, a1r = ref Unsafe.Add(ref a, rowStep), a2r = ref Unsafe.Add(ref a, 2 * rowStep);
        ref T a3r = ref Unsafe.Add(ref a, 3 * rowStep), a4r = ref Unsafe.Add(ref a, 4 * rowStep), a5r = ref Unsafe.Add(ref a, 5 * rowStep);
        Vector512<T> c0 = Vector512<T>.Zero, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        nint step = 0;
        for (int p = 0; p < depth; p++, step += depthStep)
        {
            Vector512<T> b0 = Vector512.LoadUnsafe(ref b);
            c0 = Kernels.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a0r, step)), b0, c0);
            c1 = Kernels.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a1r, step)), b0, c1);
            c2 = Kernels.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a2r, step)), b0, c2);
            c3 = Kernels.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a3r, step)), b0, c3);
            c4 = Kernels.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a4r, step)), b0, c4);
            c5 = Kernels.MultiplyAdd(Vector512.Create(Unsafe.Add(ref a5r, step)), b0, c5);
            b = ref Unsafe.Add(ref b, Vector512<T>.Count);
        }
        Store(c0, ref Unsafe.Add(ref c, 0 * ldc), accumulate);
        Store(c1, ref Unsafe.Add(ref c, 1 * ldc), accumulate);
        Store(c2, ref Unsafe.Add(ref c, 2 * ldc), accumulate);
        Store(c3, ref Unsafe.Add(ref c, 3 * ldc), accumulate);
        Store(c4, ref Unsafe.Add(ref c, 4 * ldc), accumulate);
        Store(c5, ref Unsafe.Add(ref c, 5 * ldc), accumulate);
    }

    private static void Tile256<T>(int depth, ref T a, nint depthStep, nint rowStep, ref T b, ref T c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T a0r = ref a, a1r = ref Unsafe.Add(ref a, rowStep), a2r = ref Unsafe.Add(ref a, 2 * rowStep);
        ref T a3r = ref Unsafe.Add(ref a, 3 * rowStep), a4r = ref Unsafe.Add(ref a, 4 * rowStep), a5r = ref Unsafe.Add(ref a, 5 * rowStep);
        Vector256<T> c0 = Vector256<T>.Zero, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        nint step = 0;
        for (int p = 0; p < depth; p++, step += depthStep)
        {
            Vector256<T> b0 = Vector256.LoadUnsafe(ref b);
            c0 = Kernels.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a0r, step)), b0, c0);
            c1 = Kernels.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a1r, step)), b0, c1);
            c2 = Kernels.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a2r, step)), b0, c2);
            c3 = Kernels.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a3r, step)), b0, c3);
            c4 = Kernels.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a4r, step)), b0, c4);
            c5 = Kernels.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a5r, step)), b0, c5);
            b = ref Unsafe.Add(ref b, Vector256<T>.Count);
        }
        Store(c0, ref Unsafe.Add(ref c, 0 * ldc), accumulate);
        Store(c1, ref Unsafe.Add(ref c, 1 * ldc), accumulate);
        Store(c2, ref Unsafe.Add(ref c, 2 * ldc), accumulate);
        Store(c3, ref Unsafe.Add(ref c, 3 * ldc), accumulate);
        Store(c4, ref Unsafe.Add(ref c, 4 * ldc), accumulate);
        Store(c5, ref Unsafe.Add(ref c, 5 * ldc), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector512<T> sum, ref T row, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (accumulate ? sum + Vector512.LoadUnsafe(ref row) : sum).StoreUnsafe(ref row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector256<T> sum, ref T row, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (accumulate ? sum + Vector256.LoadUnsafe(ref row) : sum).StoreUnsafe(ref row);
}
