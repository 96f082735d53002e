namespace NetGen.Tests.Training;

/// <summary>Seeded rows for the harness tests.</summary>
internal static class TestData
{
    /// <summary>Inputs in [-1, 1]; targets in (0, 1), a smooth function of the inputs, so a sigmoid net can learn them.</summary>
    public static DataSet<double> Regression(int rows, int inputs, int outputs, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows][];
        var y = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            x[r] = Enumerable.Range(0, inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            y[r] = Enumerable.Range(0, outputs).Select(k => 0.5 + 0.4 * Math.Sin(x[r].Select((v, i) => v * (i + k + 1)).Sum())).ToArray();
        }
        return DataSet<double>.FromRows(x, y, inputs, outputs);
    }

    /// <summary>Two classes, one-hot: class 1 when the inputs sum to more than 0.</summary>
    public static DataSet<T> Classes<T>(int rows, int inputs, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var x = new T[rows][];
        var y = new T[rows][];
        for (int r = 0; r < rows; r++)
        {
            double[] row = Enumerable.Range(0, inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            x[r] = row.Select(T.CreateTruncating).ToArray();
            bool one = row.Sum() > 0;
            y[r] = new[] { one ? T.Zero : T.One, one ? T.One : T.Zero };
        }
        return DataSet<T>.FromRows(x, y, inputs, 2);
    }

    public static double[] Copy<TNet>(TNet net)
        where TNet : INetwork<TNet, double> => net.Parameters.ToArray();

    public static long[] Bits(ReadOnlySpan<double> values) => values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    public static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
