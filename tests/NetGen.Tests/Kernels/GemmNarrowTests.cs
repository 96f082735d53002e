using NetGen.Runtime;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Products of at most one vector of columns run on a one-vector tile; each element must keep the bits it has in a
/// wider product (two-vector tiles) whose first outputs have the same weights, whatever the rows and depth.
/// </summary>
public sealed class GemmNarrowTests
{
    [Theory]
    [InlineData(1, 10, 1)]
    [InlineData(7, 10, 128)]
    [InlineData(130, 16, 300)]
    [InlineData(13, 1, 45)]
    [InlineData(256, 10, 128)]
    public void A_narrow_product_equals_the_same_columns_of_a_wide_one_to_the_bit(int m, int n, int k)
    {
        const int Wide = 70;
        var random = new Random(m * 131 + n * 17 + k);
        double[] x = Enumerable.Range(0, m * k).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] w = Enumerable.Range(0, Wide * k).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        float[] xF = x.Select(v => (float)v).ToArray(), wF = w.Select(v => (float)v).ToArray();

        double[] narrow = new double[m * n], wide = new double[m * Wide];
        Gemm.MultiplyTransposed(x, w.AsSpan(0, n * k), narrow, m, n, k);
        Gemm.MultiplyTransposed(x, w, wide, m, Wide, k);
        float[] narrowF = new float[m * n], wideF = new float[m * Wide];
        Gemm.MultiplyTransposed(xF, wF.AsSpan(0, n * k), narrowF, m, n, k);
        Gemm.MultiplyTransposed(xF, wF, wideF, m, Wide, k);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(wide[i * Wide + j]), BitConverter.DoubleToInt64Bits(narrow[i * n + j]));
                Assert.Equal(BitConverter.SingleToInt32Bits(wideF[i * Wide + j]), BitConverter.SingleToInt32Bits(narrowF[i * n + j]));
            }
        }
    }
}
