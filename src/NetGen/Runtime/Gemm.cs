using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// The three matrix-matrix products of a dense layer over a batch, which generated code calls for batches of
/// large networks: <c>Z = X W^T</c> (forward), <c>dX = dZ W</c> (the error sent back) and <c>dW += dZ^T X</c>
/// (the weight gradient). Matrices are row-major spans; <c>W</c> is a layer's weights as the parameter vector
/// holds them, <c>[outputs, inputs]</c>. The design is BLIS's: panels of B (and of A unless A is row-major, which
/// the kernel reads in place) are packed into contiguous thread-local buffers and an <c>MR x NR</c> micro-kernel keeps its accumulators in SIMD
/// registers (512- or 256-bit, with fused multiply-adds), blocked so that the panels stay in L1 and L2.
/// Without SIMD it runs plain loops. Allocation-free after a thread's first call of a given size.
/// Each element of the result is summed in the same order whatever its position, so results never depend on
/// how the caller splits rows between calls.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Gemm
{
    /// <summary>z[m x n] = x[m x k] times the transpose of w[n x k].</summary>
    public static void MultiplyTransposed(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> z, int m, int n, int k) =>
        ProductXWt(x, w, z, m, n, k);

    /// <summary>z[m x n] = x[m x k] times the transpose of w[n x k].</summary>
    public static void MultiplyTransposed(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> z, int m, int n, int k) =>
        ProductXWt(x, w, z, m, n, k);

    /// <summary>dx[m x k] = dz[m x n] times w[n x k].</summary>
    public static void Multiply(ReadOnlySpan<double> dz, ReadOnlySpan<double> w, Span<double> dx, int m, int n, int k) =>
        ProductDzW(dz, w, dx, m, n, k);

    /// <summary>dx[m x k] = dz[m x n] times w[n x k].</summary>
    public static void Multiply(ReadOnlySpan<float> dz, ReadOnlySpan<float> w, Span<float> dx, int m, int n, int k) =>
        ProductDzW(dz, w, dx, m, n, k);

    /// <summary>dw[n x k] += the transpose of dz[m x n] times x[m x k]: a layer's weight gradient summed over m rows.</summary>
    public static void AddTransposedProduct(ReadOnlySpan<double> dz, ReadOnlySpan<double> x, Span<double> dw, int m, int n, int k) =>
        ProductDztX(dz, x, dw, m, n, k);

    /// <summary>dw[n x k] += the transpose of dz[m x n] times x[m x k]: a layer's weight gradient summed over m rows.</summary>
    public static void AddTransposedProduct(ReadOnlySpan<float> dz, ReadOnlySpan<float> x, Span<float> dw, int m, int n, int k) =>
        ProductDztX(dz, x, dw, m, n, k);

    private static void ProductXWt<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> z, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(m, n, k, x.Length, (long)m * k, w.Length, (long)n * k, z.Length, (long)m * n);
        // A = X (m x k, row-major); B(p, j) = W[j, p], so B's rows are W's columns.
        Run(m, n, k, x, k, 1, w, 1, k, z, accumulate: false);
    }

    private static void ProductDzW<T>(ReadOnlySpan<T> dz, ReadOnlySpan<T> w, Span<T> dx, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(m, n, k, dz.Length, (long)m * n, w.Length, (long)n * k, dx.Length, (long)m * k);
        // A = dZ (m x n), B = W (n x k): the inner dimension is n.
        Run(m, k, n, dz, n, 1, w, k, 1, dx, accumulate: false);
    }

    private static void ProductDztX<T>(ReadOnlySpan<T> dz, ReadOnlySpan<T> x, Span<T> dw, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(m, n, k, dz.Length, (long)m * n, x.Length, (long)m * k, dw.Length, (long)n * k);
        // A(i, p) = dZ[p, i] (n x m), B = X (m x k): the inner dimension is the batch.
        Run(n, k, m, dz, 1, n, x, k, 1, dw, accumulate: true);
    }

    private static void Check(int m, int n, int k, int a, long aNeeded, int b, long bNeeded, int c, long cNeeded)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentOutOfRangeException(m < 0 ? nameof(m) : n < 0 ? nameof(n) : nameof(k), "A matrix dimension is negative.");
        }
        if (a < aNeeded || b < bNeeded || c < cNeeded)
        {
            throw new ArgumentException("A span is shorter than its matrix.");
        }
    }

    /// <summary>
    /// C[rows x cols] (+)= A[rows x depth] B[depth x cols], where A(i, p) = a[i * aRow + p * aCol] and
    /// B(p, j) = b[p * bRow + j * bCol]; C is row-major and dense.
    /// </summary>
    /// <remarks>
    /// With a <paramref name="bias"/> (one value per column of C, or one shared by all), C = sigmoid(A B + bias):
    /// the tiles add it and take the sigmoid on the last slice of the depth, while the sums are in registers.
    /// </remarks>
    private static void Run<T>(int rows, int cols, int depth, ReadOnlySpan<T> a, int aRow, int aCol,
        ReadOnlySpan<T> b, int bRow, int bCol, Span<T> c, bool accumulate, ReadOnlySpan<T> bias = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool sigmoid = !bias.IsEmpty;
        if (sigmoid && (depth == 0 || !GemmMicroKernel.IsAccelerated<T>() || !Kernels.SigmoidIsVector<T>()))
        {
            // No tiles to fuse into (or no vector sigmoid to fuse): the product, then the bias and sigmoid row by row.
            Run(rows, cols, depth, a, aRow, aCol, b, bRow, bCol, c, accumulate);
            for (int i = 0; i < rows; i++)
            {
                Kernels.AddBiasSigmoidRow(c.Slice(i * cols, cols), bias);
            }
            return;
        }
        bool shared = bias.Length != cols;
        ref T biasRef = ref MemoryMarshal.GetReference(bias);
        if (rows == 0 || cols == 0)
        {
            return;
        }
        if (depth == 0)
        {
            if (!accumulate)
            {
                c.Slice(0, rows * cols).Clear();
            }
            return;
        }
        if (!GemmMicroKernel.IsAccelerated<T>())
        {
            Naive(rows, cols, depth, a, aRow, aCol, b, bRow, bCol, c, accumulate);
            return;
        }

        int mr = GemmMicroKernel.MR, nr = GemmMicroKernel.NR<T>();
        // At most one vector of columns (an output layer): a one-vector tile, instead of a two-vector one half padding.
        bool narrow = !sigmoid && cols <= nr / 2;
        nr = narrow ? nr / 2 : nr;
        int kcMax = GemmMicroKernel.KC<T>(), mcMax = GemmMicroKernel.MC, ncMax = GemmMicroKernel.NC;
        int ncRounded = Math.Min(ncMax, RoundUp(cols, nr)), mcRounded = Math.Min(mcMax, RoundUp(rows, mr));
        int kcUsed = Math.Min(kcMax, depth);
        Span<T> packedA = GemmBuffers<T>.A(mcRounded * kcUsed);
        Span<T> packedB = GemmBuffers<T>.B(ncRounded * kcUsed);
        // The edge tiles are computed whole into this tile, then their valid part copied out.
        Span<T> tile = stackalloc T[GemmMicroKernel.MR * 2 * Vector512<T>.Count];
        ref T cr = ref MemoryMarshal.GetReference(c);
        ref T ar = ref MemoryMarshal.GetReference(a);

        for (int jc = 0; jc < cols; jc += ncMax)
        {
            int nc = Math.Min(ncMax, cols - jc);
            for (int pc = 0; pc < depth; pc += kcMax)
            {
                int kc = Math.Min(kcMax, depth - pc);
                // After the first slice of the inner dimension, every slice adds to what the earlier ones left in C.
                bool add = accumulate || pc > 0;
                bool last = sigmoid && pc + kc == depth;
                GemmPacking.PackB(b, bRow, bCol, pc, kc, jc, nc, nr, packedB);
                for (int ic = 0; ic < rows; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, rows - ic);
                    // A row-major A (X in the forward product) is read in place by whole panels; only a last
                    // partial panel is packed (zero-padded) so that the kernel never reads past the matrix.
                    int inPlace = aCol == 1 ? mc / mr * mr : 0;
                    if (inPlace < mc)
                    {
                        GemmPacking.PackA(a, aRow, aCol, ic + inPlace, mc - inPlace, pc, kc, mr, packedA.Slice(inPlace * kc));
                    }
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int nValid = Math.Min(nr, nc - jr);
                        ref T bPanel = ref MemoryMarshal.GetReference(packedB.Slice(jr * kc));
                        int biasAt = shared ? 0 : jc + jr;
                        TileEnd<T> end = last ? new TileEnd<T>(ref Unsafe.Add(ref biasRef, biasAt), shared) : default;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int mValid = Math.Min(mr, mc - ir);
                            ref T aPanel = ref MemoryMarshal.GetReference(packedA.Slice(ir * kc));
                            ref T cTile = ref Unsafe.Add(ref cr, (ic + ir) * cols + jc + jr);
                            if (ir < inPlace)
                            {
                                ref T aRows = ref Unsafe.Add(ref ar, (ic + ir) * aRow + pc);
                                if (nValid == nr)
                                {
                                    GemmMicroKernel.TileRows(kc, ref aRows, aRow, ref bPanel, ref cTile, cols, add, end, narrow);
                                }
                                else
                                {
                                    GemmMicroKernel.TileRows(kc, ref aRows, aRow, ref bPanel, ref MemoryMarshal.GetReference(tile), nr, accumulate: false, narrow: narrow);
                                    CopyOut(tile, nr, ref cTile, cols, mValid, nValid, add);
                                    EdgeBiasSigmoid(last, c, (ic + ir) * cols + jc + jr, cols, mValid, nValid, bias, biasAt, shared);
                                }
                            }
                            else if (mValid == mr && nValid == nr)
                            {
                                GemmMicroKernel.Tile(kc, ref aPanel, ref bPanel, ref cTile, cols, add, end, narrow);
                            }
                            else
                            {
                                GemmMicroKernel.Tile(kc, ref aPanel, ref bPanel, ref MemoryMarshal.GetReference(tile), nr, accumulate: false, narrow: narrow);
                                CopyOut(tile, nr, ref cTile, cols, mValid, nValid, add);
                                EdgeBiasSigmoid(last, c, (ic + ir) * cols + jc + jr, cols, mValid, nValid, bias, biasAt, shared);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>On the last slice of the depth, an edge tile's bias and sigmoid, row by row where it was copied out.</summary>
    private static void EdgeBiasSigmoid<T>(bool last, Span<T> c, int start, int ldc, int rows, int cols, ReadOnlySpan<T> bias, int biasAt, bool shared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!last)
        {
            return;
        }
        ReadOnlySpan<T> columns = shared ? bias : bias.Slice(biasAt, cols);
        for (int i = 0; i < rows; i++)
        {
            Kernels.AddBiasSigmoidRow(c.Slice(start + i * ldc, cols), columns);
        }
    }

    private static void CopyOut<T>(ReadOnlySpan<T> tile, int tileRow, ref T c, int ldc, int rows, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < rows; i++)
        {
            ref T row = ref Unsafe.Add(ref c, i * ldc);
            for (int j = 0; j < cols; j++)
            {
                T value = tile[i * tileRow + j];
                Unsafe.Add(ref row, j) = add ? Unsafe.Add(ref row, j) + value : value;
            }
        }
    }

    /// <summary>Plain loops for machines without SIMD: each element a dot product in order of the inner index.</summary>
    private static void Naive<T>(int rows, int cols, int depth, ReadOnlySpan<T> a, int aRow, int aCol,
        ReadOnlySpan<T> b, int bRow, int bCol, Span<T> c, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < depth; p++)
                {
                    sum += a[i * aRow + p * aCol] * b[p * bRow + j * bCol];
                }
                c[i * cols + j] = accumulate ? c[i * cols + j] + sum : sum;
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
