namespace NetGen.Tests;

/// <summary>Seeded random parameters, inputs and targets for a network.</summary>
internal static class RandomParameters
{
    public static void Fill<TNet>(TNet net, int seed, double scale = 1.0)
        where TNet : INetwork<TNet, double>
    {
        var random = new Random(seed);
        Span<double> parameters = net.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = (random.NextDouble() * 2 - 1) * scale;
        }
    }

    public static double[] Vector(int length, int seed, double low = -1, double high = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => low + random.NextDouble() * (high - low)).ToArray();
    }
}
