using NetGen.Runtime;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Kernels.AddBiasSigmoid, which ForwardBatch runs on a chunk's sums, against what it replaced: the bias added
/// row by row, then Kernels.Sigmoid on each row, to the bit; narrow rows (one sigmoid pass over the batch), wide
/// rows (a pass per row) and rows that end in a partial vector.
/// </summary>
public sealed class AddBiasSigmoidTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(37, 10)]
    [InlineData(5, 3)]
    [InlineData(9, 37)]
    [InlineData(4, 128)]
    public void Equals_the_bias_pass_then_the_sigmoid_of_each_row_to_the_bit(int rows, int units)
    {
        var random = new Random(rows * 100 + units);
        double[] sums = Enumerable.Range(0, rows * units).Select(_ => random.NextDouble() * 20 - 10).ToArray();
        double[] bias = Enumerable.Range(0, units).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        float[] sumsF = sums.Select(v => (float)v).ToArray(), biasF = bias.Select(v => (float)v).ToArray();

        double[] expected = (double[])sums.Clone(), actual = (double[])sums.Clone();
        float[] expectedF = (float[])sumsF.Clone(), actualF = (float[])sumsF.Clone();
        for (int s = 0; s < rows; s++)
        {
            for (int j = 0; j < units; j++)
            {
                expected[s * units + j] += bias[j];
                expectedF[s * units + j] += biasF[j];
            }
            Runtime.Kernels.Sigmoid(expected.AsSpan(s * units, units));
            Runtime.Kernels.Sigmoid(expectedF.AsSpan(s * units, units));
        }
        Runtime.Kernels.AddBiasSigmoid(actual, bias);
        Runtime.Kernels.AddBiasSigmoid(actualF, biasF);

        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expectedF.Select(BitConverter.SingleToInt32Bits), actualF.Select(BitConverter.SingleToInt32Bits));
        Assert.InRange(actual.Min(), 0.0, 1.0);
    }

    [Fact]
    public void Values_that_are_not_whole_rows_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Runtime.Kernels.AddBiasSigmoid(new double[7], new double[3]));
        Assert.Throws<ArgumentException>(() => Runtime.Kernels.AddBiasSigmoid(new float[4], ReadOnlySpan<float>.Empty));
    }
}
