using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime;

/// <summary>
/// Packing a B whose columns are contiguous (W^T in the forward product) with AVX-512: square blocks of W's rows are
/// loaded as vectors, transposed in registers by two-source permutes and stored as whole vectors of the panel, where
/// the element-by-element copy stored every value to a different cache line (it cost as much as a fifth of the
/// forward product). The values are copied, never computed, so the packed panel is the same.
/// </summary>
internal static class GemmPackingTransposed
{
    /// <summary>Whether <see cref="Pack{T}"/> can run here.</summary>
    public static bool IsSupported<T>()
        where T : unmanaged => Avx512F.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>
    /// panel[p * nr + j] = B(p, j) for p &lt; depth, j &lt; valid, where B(p, j) = source[p + j * bCol] (columns
    /// contiguous); the columns from valid to nr are left for the caller to clear.
    /// </summary>
    public static void Pack<T>(ref T source, int bCol, int depth, int valid, int nr, ref T target)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            PackTransposed(ref Unsafe.As<T, float>(ref source), bCol, depth, valid, nr, ref Unsafe.As<T, float>(ref target));
        }
        else
        {
            PackTransposed(ref Unsafe.As<T, double>(ref source), bCol, depth, valid, nr, ref Unsafe.As<T, double>(ref target));
        }
    }

    private static void PackTransposed(ref float source, int bCol, int depth, int valid, int nr, ref float target)
    {
        // Controls of the two-source permutes: at scale s, rows a and a + s swap their off-diagonal s x s blocks.
        Vector512<int> low8 = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
        Vector512<int> high8 = Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
        Vector512<int> low4 = Vector512.Create(0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
        Vector512<int> high4 = Vector512.Create(4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
        Vector512<int> low2 = Vector512.Create(0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
        Vector512<int> high2 = Vector512.Create(2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
        Vector512<int> low1 = Vector512.Create(0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
        Vector512<int> high1 = Vector512.Create(1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
        int blocks = depth / 16 * 16, columns = valid / 16 * 16;
        for (int p = 0; p < blocks; p += 16)
        {
            for (int j = 0; j < columns; j += 16)
            {
                ref float column = ref Unsafe.Add(ref source, j * bCol + p);
                Vector512<float> r0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 0 * bCol));
                Vector512<float> r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 1 * bCol));
                Vector512<float> r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 2 * bCol));
                Vector512<float> r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 3 * bCol));
                Vector512<float> r4 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 4 * bCol));
                Vector512<float> r5 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 5 * bCol));
                Vector512<float> r6 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 6 * bCol));
                Vector512<float> r7 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 7 * bCol));
                Vector512<float> r8 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 8 * bCol));
                Vector512<float> r9 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 9 * bCol));
                Vector512<float> r10 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 10 * bCol));
                Vector512<float> r11 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 11 * bCol));
                Vector512<float> r12 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 12 * bCol));
                Vector512<float> r13 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 13 * bCol));
                Vector512<float> r14 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 14 * bCol));
                Vector512<float> r15 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 15 * bCol));
                (r0, r8) = (Avx512F.PermuteVar16x32x2(r0, low8, r8), Avx512F.PermuteVar16x32x2(r0, high8, r8));
                (r1, r9) = (Avx512F.PermuteVar16x32x2(r1, low8, r9), Avx512F.PermuteVar16x32x2(r1, high8, r9));
                (r2, r10) = (Avx512F.PermuteVar16x32x2(r2, low8, r10), Avx512F.PermuteVar16x32x2(r2, high8, r10));
                (r3, r11) = (Avx512F.PermuteVar16x32x2(r3, low8, r11), Avx512F.PermuteVar16x32x2(r3, high8, r11));
                (r4, r12) = (Avx512F.PermuteVar16x32x2(r4, low8, r12), Avx512F.PermuteVar16x32x2(r4, high8, r12));
                (r5, r13) = (Avx512F.PermuteVar16x32x2(r5, low8, r13), Avx512F.PermuteVar16x32x2(r5, high8, r13));
                (r6, r14) = (Avx512F.PermuteVar16x32x2(r6, low8, r14), Avx512F.PermuteVar16x32x2(r6, high8, r14));
                (r7, r15) = (Avx512F.PermuteVar16x32x2(r7, low8, r15), Avx512F.PermuteVar16x32x2(r7, high8, r15));
                (r0, r4) = (Avx512F.PermuteVar16x32x2(r0, low4, r4), Avx512F.PermuteVar16x32x2(r0, high4, r4));
                (r1, r5) = (Avx512F.PermuteVar16x32x2(r1, low4, r5), Avx512F.PermuteVar16x32x2(r1, high4, r5));
                (r2, r6) = (Avx512F.PermuteVar16x32x2(r2, low4, r6), Avx512F.PermuteVar16x32x2(r2, high4, r6));
                (r3, r7) = (Avx512F.PermuteVar16x32x2(r3, low4, r7), Avx512F.PermuteVar16x32x2(r3, high4, r7));
                (r8, r12) = (Avx512F.PermuteVar16x32x2(r8, low4, r12), Avx512F.PermuteVar16x32x2(r8, high4, r12));
                (r9, r13) = (Avx512F.PermuteVar16x32x2(r9, low4, r13), Avx512F.PermuteVar16x32x2(r9, high4, r13));
                (r10, r14) = (Avx512F.PermuteVar16x32x2(r10, low4, r14), Avx512F.PermuteVar16x32x2(r10, high4, r14));
                (r11, r15) = (Avx512F.PermuteVar16x32x2(r11, low4, r15), Avx512F.PermuteVar16x32x2(r11, high4, r15));
                (r0, r2) = (Avx512F.PermuteVar16x32x2(r0, low2, r2), Avx512F.PermuteVar16x32x2(r0, high2, r2));
                (r1, r3) = (Avx512F.PermuteVar16x32x2(r1, low2, r3), Avx512F.PermuteVar16x32x2(r1, high2, r3));
                (r4, r6) = (Avx512F.PermuteVar16x32x2(r4, low2, r6), Avx512F.PermuteVar16x32x2(r4, high2, r6));
                (r5, r7) = (Avx512F.PermuteVar16x32x2(r5, low2, r7), Avx512F.PermuteVar16x32x2(r5, high2, r7));
                (r8, r10) = (Avx512F.PermuteVar16x32x2(r8, low2, r10), Avx512F.PermuteVar16x32x2(r8, high2, r10));
                (r9, r11) = (Avx512F.PermuteVar16x32x2(r9, low2, r11), Avx512F.PermuteVar16x32x2(r9, high2, r11));
                (r12, r14) = (Avx512F.PermuteVar16x32x2(r12, low2, r14), Avx512F.PermuteVar16x32x2(r12, high2, r14));
                (r13, r15) = (Avx512F.PermuteVar16x32x2(r13, low2, r15), Avx512F.PermuteVar16x32x2(r13, high2, r15));
                (r0, r1) = (Avx512F.PermuteVar16x32x2(r0, low1, r1), Avx512F.PermuteVar16x32x2(r0, high1, r1));
                (r2, r3) = (Avx512F.PermuteVar16x32x2(r2, low1, r3), Avx512F.PermuteVar16x32x2(r2, high1, r3));
                (r4, r5) = (Avx512F.PermuteVar16x32x2(r4, low1, r5), Avx512F.PermuteVar16x32x2(r4, high1, r5));
                (r6, r7) = (Avx512F.PermuteVar16x32x2(r6, low1, r7), Avx512F.PermuteVar16x32x2(r6, high1, r7));
                (r8, r9) = (Avx512F.PermuteVar16x32x2(r8, low1, r9), Avx512F.PermuteVar16x32x2(r8, high1, r9));
                (r10, r11) = (Avx512F.PermuteVar16x32x2(r10, low1, r11), Avx512F.PermuteVar16x32x2(r10, high1, r11));
                (r12, r13) = (Avx512F.PermuteVar16x32x2(r12, low1, r13), Avx512F.PermuteVar16x32x2(r12, high1, r13));
                (r14, r15) = (Avx512F.PermuteVar16x32x2(r14, low1, r15), Avx512F.PermuteVar16x32x2(r14, high1, r15));
                ref float row = ref Unsafe.Add(ref target, p * nr + j);
                r0.StoreUnsafe(ref Unsafe.Add(ref row, 0 * nr));
                r1.StoreUnsafe(ref Unsafe.Add(ref row, 1 * nr));
                r2.StoreUnsafe(ref Unsafe.Add(ref row, 2 * nr));
                r3.StoreUnsafe(ref Unsafe.Add(ref row, 3 * nr));
                r4.StoreUnsafe(ref Unsafe.Add(ref row, 4 * nr));
                r5.StoreUnsafe(ref Unsafe.Add(ref row, 5 * nr));
                r6.StoreUnsafe(ref Unsafe.Add(ref row, 6 * nr));
                r7.StoreUnsafe(ref Unsafe.Add(ref row, 7 * nr));
                r8.StoreUnsafe(ref Unsafe.Add(ref row, 8 * nr));
                r9.StoreUnsafe(ref Unsafe.Add(ref row, 9 * nr));
                r10.StoreUnsafe(ref Unsafe.Add(ref row, 10 * nr));
                r11.StoreUnsafe(ref Unsafe.Add(ref row, 11 * nr));
                r12.StoreUnsafe(ref Unsafe.Add(ref row, 12 * nr));
                r13.StoreUnsafe(ref Unsafe.Add(ref row, 13 * nr));
                r14.StoreUnsafe(ref Unsafe.Add(ref row, 14 * nr));
                r15.StoreUnsafe(ref Unsafe.Add(ref row, 15 * nr));
            }
        }
        // The depth steps and columns that do not fill a block, one value at a time.
        for (int j = 0; j < valid; j++)
        {
            for (int p = j < columns ? blocks : 0; p < depth; p++)
            {
                Unsafe.Add(ref target, p * nr + j) = Unsafe.Add(ref source, j * bCol + p);
            }
        }
    }

    private static void PackTransposed(ref double source, int bCol, int depth, int valid, int nr, ref double target)
    {
        // Controls of the two-source permutes: at scale s, rows a and a + s swap their off-diagonal s x s blocks.
        Vector512<long> low4 = Vector512.Create(0, 1, 2, 3, 8, 9, 10, 11);
        Vector512<long> high4 = Vector512.Create(4, 5, 6, 7, 12, 13, 14, 15);
        Vector512<long> low2 = Vector512.Create(0, 1, 8, 9, 4, 5, 12, 13);
        Vector512<long> high2 = Vector512.Create(2, 3, 10, 11, 6, 7, 14, 15);
        Vector512<long> low1 = Vector512.Create(0, 8, 2, 10, 4, 12, 6, 14);
        Vector512<long> high1 = Vector512.Create(1, 9, 3, 11, 5, 13, 7, 15);
        int blocks = depth / 8 * 8, columns = valid / 8 * 8;
        for (int p = 0; p < blocks; p += 8)
        {
            for (int j = 0; j < columns; j += 8)
            {
                ref double column = ref Unsafe.Add(ref source, j * bCol + p);
                Vector512<double> r0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 0 * bCol));
                Vector512<double> r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 1 * bCol));
                Vector512<double> r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 2 * bCol));
                Vector512<double> r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 3 * bCol));
                Vector512<double> r4 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 4 * bCol));
                Vector512<double> r5 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 5 * bCol));
                Vector512<double> r6 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 6 * bCol));
                Vector512<double> r7 = Vector512.LoadUnsafe(ref Unsafe.Add(ref column, 7 * bCol));
                (r0, r4) = (Avx512F.PermuteVar8x64x2(r0, low4, r4), Avx512F.PermuteVar8x64x2(r0, high4, r4));
                (r1, r5) = (Avx512F.PermuteVar8x64x2(r1, low4, r5), Avx512F.PermuteVar8x64x2(r1, high4, r5));
                (r2, r6) = (Avx512F.PermuteVar8x64x2(r2, low4, r6), Avx512F.PermuteVar8x64x2(r2, high4, r6));
                (r3, r7) = (Avx512F.PermuteVar8x64x2(r3, low4, r7), Avx512F.PermuteVar8x64x2(r3, high4, r7));
                (r0, r2) = (Avx512F.PermuteVar8x64x2(r0, low2, r2), Avx512F.PermuteVar8x64x2(r0, high2, r2));
                (r1, r3) = (Avx512F.PermuteVar8x64x2(r1, low2, r3), Avx512F.PermuteVar8x64x2(r1, high2, r3));
                (r4, r6) = (Avx512F.PermuteVar8x64x2(r4, low2, r6), Avx512F.PermuteVar8x64x2(r4, high2, r6));
                (r5, r7) = (Avx512F.PermuteVar8x64x2(r5, low2, r7), Avx512F.PermuteVar8x64x2(r5, high2, r7));
                (r0, r1) = (Avx512F.PermuteVar8x64x2(r0, low1, r1), Avx512F.PermuteVar8x64x2(r0, high1, r1));
                (r2, r3) = (Avx512F.PermuteVar8x64x2(r2, low1, r3), Avx512F.PermuteVar8x64x2(r2, high1, r3));
                (r4, r5) = (Avx512F.PermuteVar8x64x2(r4, low1, r5), Avx512F.PermuteVar8x64x2(r4, high1, r5));
                (r6, r7) = (Avx512F.PermuteVar8x64x2(r6, low1, r7), Avx512F.PermuteVar8x64x2(r6, high1, r7));
                ref double row = ref Unsafe.Add(ref target, p * nr + j);
                r0.StoreUnsafe(ref Unsafe.Add(ref row, 0 * nr));
                r1.StoreUnsafe(ref Unsafe.Add(ref row, 1 * nr));
                r2.StoreUnsafe(ref Unsafe.Add(ref row, 2 * nr));
                r3.StoreUnsafe(ref Unsafe.Add(ref row, 3 * nr));
                r4.StoreUnsafe(ref Unsafe.Add(ref row, 4 * nr));
                r5.StoreUnsafe(ref Unsafe.Add(ref row, 5 * nr));
                r6.StoreUnsafe(ref Unsafe.Add(ref row, 6 * nr));
                r7.StoreUnsafe(ref Unsafe.Add(ref row, 7 * nr));
            }
        }
        // The depth steps and columns that do not fill a block, one value at a time.
        for (int j = 0; j < valid; j++)
        {
            for (int p = j < columns ? blocks : 0; p < depth; p++)
            {
                Unsafe.Add(ref target, p * nr + j) = Unsafe.Add(ref source, j * bCol + p);
            }
        }
    }
}
