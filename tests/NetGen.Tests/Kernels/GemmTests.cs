using NetGen.Runtime;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The three GEMM products against a naive triple loop, for shapes on and off the block sizes: single rows
/// and columns, sizes just past the micro-tile (6 rows, two vectors of columns), past the depth block and past
/// the row block, in both precisions. Each element must agree within a few ulps of its sum of |terms|.
/// </summary>
public sealed class GemmTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var shapes = new TheoryData<int, int, int>();
        int[][] all =
        {
            new[] { 1, 1, 1 }, new[] { 1, 7, 3 }, new[] { 7, 1, 3 }, new[] { 5, 9, 1 }, new[] { 6, 16, 8 },
            new[] { 6, 32, 8 }, new[] { 7, 17, 5 }, new[] { 13, 33, 31 }, new[] { 12, 48, 300 }, new[] { 125, 10, 9 },
            new[] { 130, 70, 260 }, new[] { 3, 2100, 2 }, new[] { 32, 128, 784 }, new[] { 2, 3, 0 },
            // Row-major A read in place: whole panels only (6, 126 = 120 + 6), past the depth block, and the 784-128 layer.
            new[] { 6, 16, 300 }, new[] { 126, 20, 129 }, new[] { 256, 128, 784 },
            // W^T packed by AVX-512 block transposes (16 x 16 float, 8 x 8 double): whole and partial blocks in both directions.
            new[] { 9, 40, 37 }, new[] { 3, 24, 19 }, new[] { 1, 64, 48 },
        };
        foreach (int[] s in all)
        {
            shapes.Add(s[0], s[1], s[2]);
        }
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_products_equal_the_triple_loop(int m, int n, int k)
    {
        var random = new Random(m * 10007 + n * 101 + k);
        double[] x = Values<double>(random, m * k), w = Values<double>(random, n * k), dz = Values<double>(random, m * n);
        double[] z = Values<double>(random, m * n), dx = Values<double>(random, m * k), dw = Values<double>(random, n * k);
        double[] dwBefore = (double[])dw.Clone();
        Gemm.MultiplyTransposed(x, w, z, m, n, k);
        Gemm.Multiply(dz, w, dx, m, n, k);
        Gemm.AddTransposedProduct(dz, x, dw, m, n, k);
        Check(z, m, n, k, (i, j, p) => x[i * k + p] * (double)w[j * k + p], null, 1e-15);
        Check(dx, m, k, n, (i, j, p) => dz[i * n + p] * (double)w[p * k + j], null, 1e-15);
        Check(dw, n, k, m, (i, j, p) => dz[p * n + i] * (double)x[p * k + j], dwBefore, 1e-15);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_products_equal_the_triple_loop(int m, int n, int k)
    {
        var random = new Random(m * 10007 + n * 101 + k + 1);
        float[] x = Values<float>(random, m * k), w = Values<float>(random, n * k), dz = Values<float>(random, m * n);
        float[] z = Values<float>(random, m * n), dx = Values<float>(random, m * k), dw = Values<float>(random, n * k);
        double[] dwBefore = dw.Select(v => (double)v).ToArray();
        Gemm.MultiplyTransposed(x, w, z, m, n, k);
        Gemm.Multiply(dz, w, dx, m, n, k);
        Gemm.AddTransposedProduct(dz, x, dw, m, n, k);
        Check(z, m, n, k, (i, j, p) => x[i * k + p] * (double)w[j * k + p], null, 1e-6);
        Check(dx, m, k, n, (i, j, p) => dz[i * n + p] * (double)w[p * k + j], null, 1e-6);
        Check(dw, n, k, m, (i, j, p) => dz[p * n + i] * (double)x[p * k + j], dwBefore, 1e-6);
    }

    [Theory]
    [InlineData(130, 70, 260)]
    [InlineData(256, 128, 784)]
    [InlineData(7, 17, 5)]
    [InlineData(9, 40, 37)]
    [InlineData(3, 24, 19)]
    public void Rows_read_in_place_give_the_packed_panels_bits(int m, int n, int k)
    {
        // Z = X W^T reads X's rows in place and packs W^T by block transposes; the same product as dZ^T X with
        // dZ = X^T and X = W^T packs both operands element by element.
        var random = new Random(m + n + k);
        double[] x = Values<double>(random, m * k), w = Values<double>(random, n * k);
        float[] xf = x.Select(v => (float)v).ToArray(), wf = w.Select(v => (float)v).ToArray();
        double[] z = new double[m * n], packed = new double[m * n];
        float[] zf = new float[m * n], packedF = new float[m * n];
        Gemm.MultiplyTransposed(x, w, z, m, n, k);
        Gemm.AddTransposedProduct(Transpose(x, m, k), Transpose(w, n, k), packed, k, m, n);
        Gemm.MultiplyTransposed(xf, wf, zf, m, n, k);
        Gemm.AddTransposedProduct(Transpose(xf, m, k), Transpose(wf, n, k), packedF, k, m, n);
        Assert.Equal(packed.Select(BitConverter.DoubleToInt64Bits), z.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(packedF.Select(BitConverter.SingleToInt32Bits), zf.Select(BitConverter.SingleToInt32Bits));
    }

    private static T[] Transpose<T>(T[] a, int rows, int cols)
    {
        var t = new T[a.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    [Fact]
    public void Products_leave_the_memory_past_the_matrix_alone()
    {
        // 7 x 17 is an edge tile on every machine: its padding must never be written back.
        double[] x = Values<double>(new Random(3), 7 * 5), w = Values<double>(new Random(4), 17 * 5);
        double[] z = new double[7 * 17 + 3];
        z.AsSpan(7 * 17).Fill(42);
        Gemm.MultiplyTransposed(x, w, z, 7, 17, 5);
        Assert.Equal(new double[] { 42, 42, 42 }, z[(7 * 17)..]);
    }

    [Fact]
    public void Short_spans_are_refused()
    {
        double[] x = new double[6], w = new double[6], z = new double[3];
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposed(x, w, z, 2, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(x, w, z, -1, 2, 3));
    }

    [Fact]
    public void Repeated_products_allocate_nothing()
    {
        double[] x = Values<double>(new Random(5), 64 * 100), w = Values<double>(new Random(6), 40 * 100), z = new double[64 * 40];
        double[] dw = new double[40 * 100];
        Gemm.MultiplyTransposed(x, w, z, 64, 40, 100);
        Gemm.AddTransposedProduct(z, x, dw, 64, 40, 100);
        long least = long.MaxValue;
        for (int run = 0; run < 5 && least > 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 200; call++)
            {
                Gemm.MultiplyTransposed(x, w, z, 64, 40, 100);
                Gemm.AddTransposedProduct(z, x, dw, 64, 40, 100);
            }
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }

    private static TValue[] Values<TValue>(Random random, int count)
        where TValue : System.Numerics.IFloatingPoint<TValue>
    {
        var values = new TValue[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = TValue.CreateChecked(random.NextDouble() * 2 - 1);
        }
        return values;
    }

    /// <summary>Each c[i, j] against the sum over p of term(i, j, p) (plus before[i, j]), relative to the sum of |terms|.</summary>
    private static void Check<TValue>(TValue[] c, int rows, int cols, int depth, Func<int, int, int, double> term, double[]? before, double relative)
        where TValue : System.Numerics.IFloatingPoint<TValue>
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double expected = before?[i * cols + j] ?? 0, scale = Math.Abs(expected) + 1e-300;
                for (int p = 0; p < depth; p++)
                {
                    double t = term(i, j, p);
                    expected += t;
                    scale += Math.Abs(t);
                }
                double actual = double.CreateChecked(c[i * cols + j]);
                Assert.True(Math.Abs(actual - expected) <= relative * scale * 4,
                    $"[{i}, {j}] of {rows} x {cols} (depth {depth}): {actual} != {expected}");
            }
        }
    }
}
