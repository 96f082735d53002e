using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// One training epoch of 784-128-10 (double) on 2,048 rows in mini-batches of 256 with TrainerOptions.Parallelism
/// 1 and 2, alone in its Fit and as one of four (bit-identical parameters; ParallelTrainingTests proves it). Run by hand:
/// <c>dotnet run -c Release --project tests/NetGen.Benchmarks -- --filter '*ParallelEpoch*' --job short</c>.
/// </summary>
public class ParallelEpochBenchmarks
{
    internal const int Rows = 2048;

    [Params(1, 2)]
    public int Parallelism { get; set; } = 1;

    private readonly Mnist _net = new();
    private DataSet<double> _data = null!;
    private Trainer<Mnist, double> _trainer = null!;
    private Trainer<Mnist, double> _fourEpochs = null!;
    private double[] _initial = null!;

    /// <summary>The epoch's rows: 784 uniform inputs and a one-hot target of 10 (row r is class r mod 10), seeded.</summary>
    internal static DataSet<double> Data()
    {
        var random = new Random(7);
        var inputs = new double[Rows][];
        var targets = new double[Rows][];
        for (int r = 0; r < Rows; r++)
        {
            inputs[r] = Enumerable.Range(0, 784).Select(_ => random.NextDouble()).ToArray();
            targets[r] = Enumerable.Range(0, 10).Select(k => k == r % 10 ? 1.0 : 0.0).ToArray();
        }
        return DataSet<double>.FromRows(inputs, targets, 784, 10);
    }

    [GlobalSetup]
    public void Setup()
    {
        _data = Data();
        ParameterInitializer.Initialize(_net, 1);
        _initial = _net.Parameters.ToArray();
        _trainer = new Trainer<Mnist, double>(Options(epochs: 1));
        _fourEpochs = new Trainer<Mnist, double>(Options(epochs: 4));
    }

    private TrainerOptions Options(int epochs) =>
        new() { Epochs = epochs, BatchSize = 256, Optimizer = new Sgd(0.1), Accuracy = AccuracyMode.None, Parallelism = Parallelism };

    [Benchmark]
    public double Epoch()
    {
        _initial.CopyTo(_net.Parameters);
        return _trainer.Fit(_net, _data, progress: null).Epochs[0].TrainingLoss;
    }

    /// <summary>An epoch within a Fit of four: the run's set-up (buffers, worker threads) shared by four epochs.</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    public double EpochOfFour()
    {
        _initial.CopyTo(_net.Parameters);
        return _fourEpochs.Fit(_net, _data, progress: null).Epochs[3].TrainingLoss;
    }
}
