using System;
using System.Numerics;

namespace NetGen.Runtime;

public static partial class Gemm
{
    /// <summary>
    /// z[m x n] = sigmoid(x[m x k] times the transpose of w[n x k], plus the bias): a sigmoid layer's outputs over a
    /// batch, the bias and sigmoid applied by each tile while its sums are in registers instead of in a second pass
    /// over z. <paramref name="bias"/> holds one value per output, or a single value that every output shares. The
    /// same bits as <see cref="MultiplyTransposed(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int)"/>
    /// then <see cref="Kernels.AddBiasSigmoid(Span{double}, ReadOnlySpan{double})"/>.
    /// </summary>
    public static void MultiplyTransposedBiasSigmoid(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> bias, Span<double> z, int m, int n, int k) =>
        ProductXWtBiasSigmoid(x, w, bias, z, m, n, k);

    /// <inheritdoc cref="MultiplyTransposedBiasSigmoid(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int)"/>
    public static void MultiplyTransposedBiasSigmoid(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> z, int m, int n, int k) =>
        ProductXWtBiasSigmoid(x, w, bias, z, m, n, k);

    private static void ProductXWtBiasSigmoid<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> z, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(m, n, k, x.Length, (long)m * k, w.Length, (long)n * k, z.Length, (long)m * n);
        if (bias.Length != n && bias.Length != 1)
        {
            throw new ArgumentException("The bias holds neither one value per output nor one shared value.", nameof(bias));
        }
        Run(m, n, k, x, k, 1, w, 1, k, z, accumulate: false, bias);
    }
}
