using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// What every implementation is given for one topology: the same initial parameters (NetGen's layout), one
/// sample for Forward and TrainStep, and a fixed synthetic data set for the epoch.
/// </summary>
public sealed class Workload<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Samples = 512;
    public const int BatchSize = 32;

    public Workload(string topology)
    {
        Sizes = topology.Split('-').Select(int.Parse).ToArray();
        int parameters = 0;
        for (int l = 0; l < Sizes.Length - 1; l++)
        {
            parameters += Sizes[l] * Sizes[l + 1] + Sizes[l + 1];
        }
        var random = new Random(42);
        // Weights of about 1/sqrt(fan-in), as an initialiser would draw them, so sums stay in sigmoid's working range.
        InitialParameters = new T[parameters];
        int k = 0;
        for (int l = 0; l < Sizes.Length - 1; l++)
        {
            double scale = 1 / Math.Sqrt(Sizes[l]);
            for (int n = 0; n < Sizes[l] * Sizes[l + 1] + Sizes[l + 1]; n++)
            {
                InitialParameters[k++] = T.CreateTruncating((random.NextDouble() * 2 - 1) * scale);
            }
        }
        Inputs = Draw(random, Samples * Sizes[0], -1, 1);
        Targets = Draw(random, Samples * Sizes[^1], 0.05, 0.95);
        Input = Inputs.AsSpan(0, Sizes[0]).ToArray();
        Target = Targets.AsSpan(0, Sizes[^1]).ToArray();
    }

    public int[] Sizes { get; }

    public int InputCount => Sizes[0];

    public int OutputCount => Sizes[^1];

    public T[] InitialParameters { get; }

    public T[] Input { get; }

    public T[] Target { get; }

    /// <summary><see cref="Samples"/> rows of inputs, row-major.</summary>
    public T[] Inputs { get; }

    public T[] Targets { get; }

    public T LearningRate { get; } = T.CreateTruncating(0.05);

    public int Weights => Enumerable.Range(0, Sizes.Length - 1).Sum(l => Sizes[l] * Sizes[l + 1]);

    /// <summary>The sigmoid (exp) evaluations of one sample: every hidden and output unit.</summary>
    public int Exps => Sizes.Skip(1).Sum();

    /// <summary>
    /// The multiply-adds of one training sample: the forward sums (every weight), the error sent back
    /// through every layer but the first (its weights again), and the gradient (every weight once more).
    /// </summary>
    public int TrainingMultiplyAdds => 3 * Weights - Sizes[0] * Sizes[1];

    private static T[] Draw(Random random, int count, double low, double high) =>
        Enumerable.Range(0, count).Select(_ => T.CreateTruncating(low + random.NextDouble() * (high - low))).ToArray();
}
