using System.Numerics;

namespace NetGen.Onnx.Tests;

/// <summary>Runs a network's Forward and ONNX Runtime on the same random batch and measures the largest difference.</summary>
internal static class Agreement
{
    public const int BatchSize = 64;

    /// <summary>Fills every parameter with a seeded random value in [-scale, scale].</summary>
    public static void Randomize<T>(Span<T> parameters, int seed, double scale = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = T.CreateChecked((random.NextDouble() * 2 - 1) * scale);
        }
    }

    public static T[] RandomBatch<T>(int inputCount, int seed, int batchSize = BatchSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = new T[batchSize * inputCount];
        Randomize<T>(batch, seed, scale: 2.0);
        return batch;
    }

    /// <summary>Forward on each row of <paramref name="batch"/>, concatenated.</summary>
    public static T[] ForwardAll<TNetwork, T>(TNetwork network, T[] batch)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = batch.Length / TNetwork.InputCount;
        var outputs = new T[rows * TNetwork.OutputCount];
        for (int r = 0; r < rows; r++)
        {
            network.Forward(batch.AsSpan(r * TNetwork.InputCount, TNetwork.InputCount), outputs.AsSpan(r * TNetwork.OutputCount, TNetwork.OutputCount));
        }
        return outputs;
    }

    public static double MaxAbsDifference<T>(T[] expected, T[] actual)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(double.CreateChecked(expected[i]) - double.CreateChecked(actual[i]));
            Assert.False(double.IsNaN(difference), $"NaN at {i}: {expected[i]} vs {actual[i]}");
            max = Math.Max(max, difference);
        }
        return max;
    }

    /// <summary>The spread of the values: a comparison of near-constant outputs would prove little.</summary>
    public static double Spread<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        values.Max(v => double.CreateChecked(v)) - values.Min(v => double.CreateChecked(v));
}
