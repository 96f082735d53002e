using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// The matrix: every topology in double and float, NetGen's generated code against the
/// alternatives. One subclass per operation; each benchmark method is one implementation.
/// </summary>
[Config(typeof(MatrixConfig))]
public abstract class MatrixBenchmarks
{
    [Params("2-2-2", "4-8-3", "16-16-4", "64-32-10", "784-128-10")]
    public string Topology { get; set; } = "2-2-2";

    [Params(Precision.Double, Precision.Single)]
    public Precision Precision { get; set; } = Precision.Double;

    protected Subject Generated { get; private set; } = null!;

    protected Subject Hand { get; private set; } = null!;

    protected Subject Primitives { get; private set; } = null!;

    protected Subject SimdFloor { get; private set; } = null!;

    protected Subject ScalarFloor { get; private set; } = null!;

    [GlobalSetup]
    public virtual void Setup()
    {
        (Generated, Hand, Primitives, SimdFloor, ScalarFloor) = Precision == Precision.Double
            ? Create(new Workload<double>(Topology))
            : Create(new Workload<float>(Topology));
        SameOutputs("hand-written", Hand);
        SameOutputs("TensorPrimitives", Primitives);
    }

    private (Subject, Subject, Subject, Subject, Subject) Create<T>(Workload<T> workload)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        (Subjects.Generated(Topology, workload), new HandWrittenSubject<T>(workload), new TensorPrimitivesSubject<T>(workload),
         new FloorSubject<T>(workload, simd: true), new FloorSubject<T>(workload, simd: false));

    /// <summary>Before anything is timed: every implementation computes the same outputs as NetGen.</summary>
    protected void SameOutputs(string name, Subject other)
    {
        double[] expected = Generated.Outputs(), actual = other.Outputs();
        double tolerance = Precision == Precision.Double ? 1e-12 : 1e-5;
        for (int k = 0; k < expected.Length; k++)
        {
            if (!(Math.Abs(expected[k] - actual[k]) <= tolerance))
            {
                throw new InvalidOperationException($"{Topology} {Precision}: {name} output {k} is {actual[k]:R}, NetGen's {expected[k]:R}.");
            }
        }
    }
}

public class ForwardBenchmarks : MatrixBenchmarks
{
    private Subject _onnx = null!;

    public override void Setup()
    {
        base.Setup();
        _onnx = Precision == Precision.Double ? new OnnxSubject<double>(new Workload<double>(Topology)) : new OnnxSubject<float>(new Workload<float>(Topology));
        SameOutputs("ONNX Runtime", _onnx);
    }

    [GlobalCleanup]
    public void Cleanup() => (_onnx as IDisposable)?.Dispose();

    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Forward();
    [Benchmark] public double NetGen() => Generated.Forward();
    [Benchmark] public double TensorPrimitives() => Primitives.Forward();
    [Benchmark] public double OnnxRuntime() => _onnx.Forward();
    [Benchmark] public double Floor() => SimdFloor.Forward();
    [Benchmark] public double FloorScalar() => ScalarFloor.Forward();
}

public class TrainStepBenchmarks : MatrixBenchmarks
{
    [Benchmark(Baseline = true)] public double HandWritten() => Hand.TrainStep();
    [Benchmark] public double NetGen() => Generated.TrainStep();
    [Benchmark] public double TensorPrimitives() => Primitives.TrainStep();
    [Benchmark] public double Floor() => SimdFloor.TrainStep();
    [Benchmark] public double FloorScalar() => ScalarFloor.TrainStep();
}

public class EpochBenchmarks : MatrixBenchmarks
{
    [Benchmark(Baseline = true)] public double HandWritten() => Hand.Epoch();
    [Benchmark] public double NetGen() => Generated.Epoch();
    [Benchmark] public double TensorPrimitives() => Primitives.Epoch();
    [Benchmark] public double Floor() => SimdFloor.Epoch();
    [Benchmark] public double FloorScalar() => ScalarFloor.Epoch();
}
