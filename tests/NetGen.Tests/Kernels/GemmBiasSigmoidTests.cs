using NetGen.Runtime;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Gemm.MultiplyTransposedBiasSigmoid, whose tiles add the bias and take the sigmoid on the last slice of the depth,
/// against what it replaces in ForwardBatch: MultiplyTransposed, then the bias and the sigmoid (Kernels.AddBiasSigmoid,
/// or a shared bias added then Kernels.Sigmoid), to the bit, for shapes off the tile, depth and row blocks.
/// </summary>
public sealed class GemmBiasSigmoidTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var shapes = new TheoryData<int, int, int>();
        int[][] all =
        {
            new[] { 1, 1, 1 }, new[] { 1, 37, 5 }, new[] { 9, 1, 300 }, new[] { 7, 17, 5 }, new[] { 13, 45, 200 },
            new[] { 6, 64, 128 }, new[] { 125, 33, 129 }, new[] { 130, 70, 260 }, new[] { 2, 3, 0 }, new[] { 64, 128, 784 },
        };
        foreach (int[] s in all)
        {
            shapes.Add(s[0], s[1], s[2]);
        }
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Equals_the_product_then_the_bias_and_sigmoid_to_the_bit(int m, int n, int k)
    {
        var random = new Random(m * 10007 + n * 101 + k);
        double[] x = Values(random, m * k), w = Values(random, n * k), bias = Values(random, n);
        float[] xF = Single(x), wF = Single(w), biasF = Single(bias);

        double[] expected = new double[m * n], actual = Values(random, m * n);
        Gemm.MultiplyTransposed(x, w, expected, m, n, k);
        Runtime.Kernels.AddBiasSigmoid(expected, bias);
        Gemm.MultiplyTransposedBiasSigmoid(x, w, bias, actual, m, n, k);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

        float[] expectedF = new float[m * n], actualF = Single(Values(random, m * n));
        Gemm.MultiplyTransposed(xF, wF, expectedF, m, n, k);
        Runtime.Kernels.AddBiasSigmoid(expectedF, biasF);
        Gemm.MultiplyTransposedBiasSigmoid(xF, wF, biasF, actualF, m, n, k);
        Assert.Equal(expectedF.Select(BitConverter.SingleToInt32Bits), actualF.Select(BitConverter.SingleToInt32Bits));
        Assert.All(actualF, v => Assert.InRange(v, 0f, 1f));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_shared_bias_equals_the_product_then_the_bias_added_then_the_sigmoid_to_the_bit(int m, int n, int k)
    {
        var random = new Random(m * 31 + n * 7 + k);
        float[] x = Single(Values(random, m * k)), w = Single(Values(random, n * k)), bias = { 0.75f };

        float[] expected = new float[m * n], actual = new float[m * n];
        Gemm.MultiplyTransposed(x, w, expected, m, n, k);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] += bias[0];
        }
        Runtime.Kernels.Sigmoid(expected);
        Gemm.MultiplyTransposedBiasSigmoid(x, w, bias, actual, m, n, k);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void The_tiles_sigmoid_keeps_the_bits_of_Kernels_Sigmoid_over_the_whole_range()
    {
        // The 512-bit tiles take Vector512.Exp, Kernels.Sigmoid Vector256.Exp: with x = 1, depth 1 and a zero bias
        // each sum is w itself, so whole tiles (6 rows, 4096 columns) see every kind of value the sigmoid can.
        var random = new Random(11);
        double[] w = Enumerable.Range(0, 4096).Select(i => i switch
        {
            0 => double.NaN, 1 => double.PositiveInfinity, 2 => double.NegativeInfinity, 3 => 0.0, 4 => -0.0,
            5 => double.Epsilon, 6 => 800, 7 => -800, 8 => 88.7, 9 => -103.9, 10 => 709.8, 11 => -745.2,
            _ => (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-8, 4)),
        }).ToArray();
        float[] wF = w.Select(v => (float)v).ToArray();
        int n = w.Length, m = 6;

        double[] z = new double[m * n], expected = (double[])w.Clone();
        Gemm.MultiplyTransposedBiasSigmoid(Enumerable.Repeat(1.0, m).ToArray(), w, new double[n], z, m, n, 1);
        Runtime.Kernels.Sigmoid(expected);
        float[] zF = new float[m * n], expectedF = (float[])wF.Clone();
        Gemm.MultiplyTransposedBiasSigmoid(Enumerable.Repeat(1f, m).ToArray(), wF, new float[n], zF, m, n, 1);
        Runtime.Kernels.Sigmoid(expectedF);

        for (int row = 0; row < m; row++)
        {
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), z.Skip(row * n).Take(n).Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expectedF.Select(BitConverter.SingleToInt32Bits), zF.Skip(row * n).Take(n).Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void A_bias_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposedBiasSigmoid(new float[6], new float[6], new float[2], new float[9], 3, 3, 2));
    }

    [Fact]
    public void Repeated_calls_allocate_nothing()
    {
        var random = new Random(5);
        float[] x = Single(Values(random, 64 * 100)), w = Single(Values(random, 45 * 100)), bias = Single(Values(random, 45));
        float[] z = new float[64 * 45];
        Gemm.MultiplyTransposedBiasSigmoid(x, w, bias, z, 64, 45, 100);
        long least = long.MaxValue;
        for (int run = 0; run < 5 && least > 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 200; call++)
            {
                Gemm.MultiplyTransposedBiasSigmoid(x, w, bias, z, 64, 45, 100);
            }
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }

    private static double[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    private static float[] Single(double[] values) => values.Select(v => (float)v).ToArray();
}
