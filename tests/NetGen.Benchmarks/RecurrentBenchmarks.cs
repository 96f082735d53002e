using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// The recurrent networks (issue 14): a GRU and an LSTM of 16 units over 50 steps of 2 features, one output,
/// NetGen against a hand-written plain-loop version and (Forward) ONNX Runtime. Setup checks first that they
/// compute the same outputs, streaming steps and training step (<see cref="RecurrentCheck"/>).
/// </summary>
[Config(typeof(ConvConfig))]
public abstract class RecurrentBenchmarks
{
    [Params("gru", "lstm")]
    public string Cell { get; set; } = "gru";

    /// <summary>Each class lists its precisions: ONNX Runtime's CPU provider runs GRU and LSTM in float only.</summary>
    public abstract Precision Precision { get; set; }

    protected RecurrentSubject Generated { get; private set; } = null!;

    protected RecurrentSubject Hand { get; private set; } = null!;

    [GlobalSetup]
    public virtual void Setup()
    {
        if (Precision == Precision.Double)
        {
            RecurrentCheck.Agree(new RecurrentWorkload<double>(Cell), 1e-12);
            (Generated, Hand) = Create(new RecurrentWorkload<double>(Cell));
        }
        else
        {
            RecurrentCheck.Agree(new RecurrentWorkload<float>(Cell), 1e-4);
            (Generated, Hand) = Create(new RecurrentWorkload<float>(Cell));
        }
    }

    private static (RecurrentSubject, RecurrentSubject) Create<T>(RecurrentWorkload<T> workload)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        (Subjects.GeneratedRecurrent(workload), new HandWrittenRecurrentSubject<T>(workload));
}

/// <summary>The whole 50-step sequence to the output.</summary>
public class RecurrentForwardBenchmarks : RecurrentBenchmarks
{
    [Params(Precision.Double, Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Double;

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Forward();
    [Benchmark] public double NetGen() => Generated.Forward();
}

/// <summary>Whole-sequence Forward beside ONNX Runtime, in float: its CPU provider implements GRU and LSTM for float only.</summary>
public class RecurrentOnnxForwardBenchmarks : RecurrentBenchmarks
{
    private OnnxRecurrentSubject<float> _onnx = null!;

    [Params(Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Single;

    public override void Setup()
    {
        base.Setup();
        _onnx = new OnnxRecurrentSubject<float>(new RecurrentWorkload<float>(Cell));
        RecurrentCheck.SameOutputs($"{Cell} Single: ONNX Runtime", Hand, _onnx, 1e-5);
    }

    [GlobalCleanup]
    public void Cleanup() => _onnx.Dispose();

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Forward();
    [Benchmark] public double NetGen() => Generated.Forward();
    [Benchmark] public double OnnxRuntime() => _onnx.Forward();
}

/// <summary>One streaming time step (IRecurrentNetwork.Step): the cell once and the head.</summary>
public class RecurrentStepBenchmarks : RecurrentBenchmarks
{
    [Params(Precision.Double, Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Double;

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Step();
    [Benchmark] public double NetGen() => Generated.Step();
}

/// <summary>One SGD step on one sequence: forward, backpropagation through 50 steps, the update.</summary>
public class RecurrentTrainStepBenchmarks : RecurrentBenchmarks
{
    [Params(Precision.Double, Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Double;

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.TrainStep();
    [Benchmark] public double NetGen() => Generated.TrainStep();
}

/// <summary>One epoch: 512 sequences in mini-batches of 32 (NetGen: TrainBatch; hand-written: per-sample gradients added up, then the step).</summary>
public class RecurrentEpochBenchmarks : RecurrentBenchmarks
{
    [Params(Precision.Double, Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Double;

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Epoch();
    [Benchmark] public double NetGen() => Generated.Epoch();
}
