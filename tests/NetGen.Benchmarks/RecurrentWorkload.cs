using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// What every implementation of the recurrent benchmark network is given: a GRU or LSTM of 16 units over 50 steps
/// of 2 features with one output (the adding problem's shape), the same initial parameters (PyTorch's layout and
/// its default U(-1/sqrt(H), 1/sqrt(H))), one sample for Forward, Step and TrainStep, and a fixed data set of
/// adding-problem sequences for the epoch.
/// </summary>
public sealed class RecurrentWorkload<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Steps = 50, Features = 2, Hidden = 16, Outputs = 1;
    public const int Samples = 512;
    public const int BatchSize = 32;

    /// <param name="cell">"gru" or "lstm".</param>
    public RecurrentWorkload(string cell)
    {
        Cell = cell;
        Gates = cell switch
        {
            "gru" => 3,
            "lstm" => 4,
            _ => throw new ArgumentException($"No recurrent benchmark network '{cell}': gru or lstm.", nameof(cell)),
        };
        var random = new Random(42);
        double scale = 1 / Math.Sqrt(Hidden);
        InitialParameters = Enumerable.Range(0, ParameterCount).Select(_ => T.CreateTruncating((random.NextDouble() * 2 - 1) * scale)).ToArray();
        Inputs = new T[Samples * InputCount];
        Targets = new T[Samples];
        for (int s = 0; s < Samples; s++)
        {
            // Values in [0, 1], one marker in each half; the target is the sum of the two marked values.
            int first = random.Next(Steps / 2), second = Steps / 2 + random.Next(Steps / 2);
            double sum = 0;
            for (int t = 0; t < Steps; t++)
            {
                double value = random.NextDouble();
                bool marked = t == first || t == second;
                Inputs[s * InputCount + t * Features] = T.CreateTruncating(value);
                Inputs[s * InputCount + t * Features + 1] = marked ? T.One : T.Zero;
                sum += marked ? value : 0;
            }
            Targets[s] = T.CreateTruncating(sum);
        }
        Input = Inputs.AsSpan(0, InputCount).ToArray();
        Target = Targets.AsSpan(0, Outputs).ToArray();
    }

    public string Cell { get; }

    public int Gates { get; }

    public int InputCount => Steps * Features;

    public int OutputCount => Outputs;

    public int ParameterCount => Gates * Hidden * (Features + Hidden) + 2 * Gates * Hidden + Outputs * Hidden + Outputs;

    public T[] InitialParameters { get; }

    public T[] Input { get; }

    public T[] Target { get; }

    /// <summary><see cref="Samples"/> sequences, <c>[time, features]</c> each, row-major.</summary>
    public T[] Inputs { get; }

    public T[] Targets { get; }

    public T LearningRate { get; } = T.CreateTruncating(0.05);

    /// <summary>The hand-written network of this workload's cell, with its initial parameters.</summary>
    public HandWrittenRecurrent<T> NewHandWritten()
    {
        HandWrittenRecurrent<T> net = Gates == 3
            ? new HandWrittenGru<T>(Steps, Features, Hidden, Outputs)
            : new HandWrittenLstm<T>(Steps, Features, Hidden, Outputs);
        InitialParameters.CopyTo(net.Parameters, 0);
        return net;
    }

    public override string ToString() => $"{Cell}16 over {Steps}x{Features}";
}
