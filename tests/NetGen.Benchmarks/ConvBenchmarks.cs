using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// The convolutional networks (issue 13): the digits CNN and a Conv1D signal network, NetGen against a
/// hand-written plain-loop version and (Forward) ONNX Runtime. Setup checks first that they compute the
/// same outputs and the same training step (<see cref="ConvCheck"/>).
/// </summary>
[Config(typeof(ConvConfig))]
public abstract class ConvBenchmarks
{
    [Params("digits", "signal")]
    public string Network { get; set; } = "digits";

    /// <summary>Each class lists its precisions: ONNX Runtime's CPU provider has no double Conv.</summary>
    public abstract Precision Precision { get; set; }

    protected ConvSubject Generated { get; private set; } = null!;

    protected ConvSubject Hand { get; private set; } = null!;

    [GlobalSetup]
    public virtual void Setup()
    {
        ConvTopology topology = ConvTopology.Named(Network);
        if (Precision == Precision.Double)
        {
            ConvCheck.Agree(new ConvWorkload<double>(topology), 1e-12);
            (Generated, Hand) = Create(new ConvWorkload<double>(topology));
        }
        else
        {
            ConvCheck.Agree(new ConvWorkload<float>(topology), 1e-5);
            (Generated, Hand) = Create(new ConvWorkload<float>(topology));
        }
    }

    private static (ConvSubject, ConvSubject) Create<T>(ConvWorkload<T> workload)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        (Subjects.GeneratedConv(workload), new HandWrittenCnnSubject<T>(workload));
}

public class ConvForwardBenchmarks : ConvBenchmarks
{
    [Params(Precision.Double, Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Double;

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Forward();
    [Benchmark] public double NetGen() => Generated.Forward();
}

/// <summary>Single-sample Forward beside ONNX Runtime, in float: its CPU provider implements Conv for float only.</summary>
public class ConvOnnxForwardBenchmarks : ConvBenchmarks
{
    private OnnxConvSubject<float> _onnx = null!;

    [Params(Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Single;

    public override void Setup()
    {
        base.Setup();
        _onnx = new OnnxConvSubject<float>(new ConvWorkload<float>(ConvTopology.Named(Network)));
        ConvCheck.SameOutputs($"{Network} Single: ONNX Runtime", Hand, _onnx, 1e-5);
    }

    [GlobalCleanup]
    public void Cleanup() => _onnx.Dispose();

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Forward();
    [Benchmark] public double NetGen() => Generated.Forward();
    [Benchmark] public double OnnxRuntime() => _onnx.Forward();
}

public class ConvTrainStepBenchmarks : ConvBenchmarks
{
    [Params(Precision.Double, Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Double;

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.TrainStep();
    [Benchmark] public double NetGen() => Generated.TrainStep();
}

/// <summary>One epoch: 512 samples in mini-batches of 32 (NetGen: TrainBatch; hand-written: a loop of per-sample gradients, then the step).</summary>
public class ConvEpochBenchmarks : ConvBenchmarks
{
    [Params(Precision.Double, Precision.Single)]
    public override Precision Precision { get; set; } = Precision.Double;

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Epoch();
    [Benchmark] public double NetGen() => Generated.Epoch();
}
