using System.Diagnostics;
using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// The convolution benchmarks' checks, run by their Setup and by <c>-- conv-check</c>: the hand-written CNN's
/// gradient against central finite differences (so it is a reference of its own, not a copy of NetGen),
/// ONNX Runtime's outputs against it, and NetGen against it: outputs, one training step (loss and every
/// parameter) and one epoch; then NetGen's bytes allocated per call and rough timings.
/// </summary>
public static class ConvCheck
{
    /// <param name="names">The networks to check ("digits", "signal"); none: both.</param>
    public static void Run(string[] names)
    {
        foreach (ConvTopology topology in (names.Length > 0 ? names : new[] { "digits", "signal" }).Select(ConvTopology.Named))
        {
            double gradientError = HandWrittenGradientError(new ConvWorkload<double>(topology));
            Console.WriteLine($"{topology}: hand-written gradient vs central differences, largest relative error {gradientError:E2}");
            if (!(gradientError < 1e-6))
            {
                throw new InvalidOperationException($"{topology}: the hand-written CNN's gradient is wrong.");
            }
            var onnx = new ConvOnnxForwardBenchmarks { Network = topology.Name };
            onnx.Setup();
            Console.WriteLine($"{topology} Single: forward NetGen {Time(onnx.NetGen)} hand {Time(onnx.HandWritten)} ORT {Time(onnx.OnnxRuntime)}");
            onnx.Cleanup();
            foreach (Precision precision in new[] { Precision.Double, Precision.Single })
            {
                var forward = new ConvForwardBenchmarks { Network = topology.Name, Precision = precision };
                forward.Setup();
                var step = new ConvTrainStepBenchmarks { Network = topology.Name, Precision = precision };
                step.Setup();
                var epoch = new ConvEpochBenchmarks { Network = topology.Name, Precision = precision };
                epoch.Setup();
                Console.WriteLine($"{topology} {precision}: NetGen agrees with the hand-written CNN (outputs, a train step, an epoch)");
                Console.WriteLine($"    bytes per call: Forward {Allocated(forward.NetGen)}, TrainStep {Allocated(step.NetGen)}, epoch {Allocated(epoch.NetGen, 20)}");
                Console.WriteLine($"    forward NetGen {Time(forward.NetGen)} hand {Time(forward.HandWritten)}");
                Console.WriteLine($"    step NetGen {Time(step.NetGen)} hand {Time(step.HandWritten)}");
                Console.WriteLine($"    epoch NetGen {Time(epoch.NetGen, 20)} hand {Time(epoch.HandWritten, 20)}");
            }
        }
    }

    /// <summary>NetGen against the hand-written CNN: outputs, one TrainStep (loss and parameters) and one epoch, to <paramref name="tolerance"/>.</summary>
    public static void Agree<T>(ConvWorkload<T> workload, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string name = $"{workload.Topology} {typeof(T).Name}";
        ConvSubject netgen = Subjects.GeneratedConv(workload), hand = new HandWrittenCnnSubject<T>(workload);
        SameOutputs($"{name}: NetGen's outputs", hand, netgen, tolerance);
        Same($"{name}: NetGen's TrainStep loss", new[] { hand.TrainStep() }, new[] { netgen.TrainStep() }, tolerance);
        Same($"{name}: NetGen's parameters after a TrainStep", hand.CurrentParameters(), netgen.CurrentParameters(), tolerance);
        Same($"{name}: NetGen's epoch loss", new[] { hand.Epoch() }, new[] { netgen.Epoch() }, tolerance * ConvWorkload<T>.Samples);
        Same($"{name}: NetGen's parameters after an epoch", hand.CurrentParameters(), netgen.CurrentParameters(), tolerance * 100);
    }

    public static void SameOutputs(string what, Subject expected, Subject actual, double tolerance) =>
        Same(what, expected.Outputs(), actual.Outputs(), tolerance);

    private static void Same(string what, double[] expected, double[] actual, double tolerance)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            if (!(Math.Abs(expected[k] - actual[k]) <= tolerance))
            {
                throw new InvalidOperationException($"{what}: value {k} is {actual[k]:R}, the hand-written CNN's {expected[k]:R} (tolerance {tolerance:E0}).");
            }
        }
    }

    /// <summary>The largest relative difference between the hand-written gradient and central differences, over every parameter.</summary>
    private static double HandWrittenGradientError(ConvWorkload<double> workload)
    {
        var cnn = new HandWrittenCnn<double>(workload.Topology);
        workload.InitialParameters.CopyTo(cnn.Parameters, 0);
        var gradient = new double[cnn.Parameters.Length];
        cnn.Backward(workload.Input, workload.Target, gradient);
        var scratch = new double[gradient.Length];
        double worst = 0, h = 1e-6;
        for (int k = 0; k < gradient.Length; k++)
        {
            double saved = cnn.Parameters[k];
            cnn.Parameters[k] = saved + h;
            double up = cnn.Backward(workload.Input, workload.Target, scratch);
            cnn.Parameters[k] = saved - h;
            double down = cnn.Backward(workload.Input, workload.Target, scratch);
            cnn.Parameters[k] = saved;
            double numeric = (up - down) / (2 * h);
            worst = Math.Max(worst, Math.Abs(numeric - gradient[k]) / Math.Max(1e-4, Math.Abs(numeric) + Math.Abs(gradient[k])));
        }
        return worst;
    }

    /// <summary>Bytes allocated per call, over many calls after a warm-up (the least of three runs, so a JIT tier-up does not count).</summary>
    private static string Allocated(Func<double> operation, int calls = 2_000)
    {
        for (int k = 0; k < calls; k++) operation();
        long least = long.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < calls; k++) operation();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return $"{(double)least / calls:0.##} B";
    }

    /// <summary>Median time per call over a few rounds after a warm-up.</summary>
    private static string Time(Func<double> operation, int calls = 5_000)
    {
        for (int k = 0; k < calls; k++) operation();
        var rounds = new List<double>();
        for (int round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            for (int k = 0; k < calls; k++) operation();
            rounds.Add(clock.Elapsed.TotalNanoseconds / calls);
        }
        rounds.Sort();
        double ns = rounds[2];
        return ns < 10_000 ? $"{ns:0.0}ns" : $"{ns / 1000:0.0}us";
    }
}
