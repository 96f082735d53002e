using System.Diagnostics;
using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// The recurrent benchmarks' checks, run by their Setup and by <c>-- rnn-check</c>: the hand-written GRU's and LSTM's
/// gradients against central finite differences (so they are references of their own, not copies of NetGen), their
/// streaming Step against their Forward, ONNX Runtime's outputs against them, and NetGen against them: outputs, Step,
/// one training step (loss and every parameter) and one epoch; then bytes allocated per call and rough timings.
/// </summary>
public static class RecurrentCheck
{
    /// <param name="cells">"gru", "lstm"; none: both.</param>
    public static void Run(string[] cells)
    {
        foreach (string cell in cells.Length > 0 ? cells : new[] { "gru", "lstm" })
        {
            var workload = new RecurrentWorkload<double>(cell);
            double gradientError = HandWrittenGradientError(workload);
            Console.WriteLine($"{workload}: hand-written gradient vs central differences, largest relative error {gradientError:E2}");
            // Over 50 steps many gradients are about 1e-5, where the central difference's rounding (about 1e-10) is
            // a few 1e-6 of them; a wrong term is off by far more.
            if (!(gradientError < 1e-5))
            {
                throw new InvalidOperationException($"{workload}: the hand-written {cell}'s gradient is wrong.");
            }
            var hand = new HandWrittenRecurrentSubject<double>(workload);
            StepsAgree($"{workload} hand-written", hand, hand.Outputs()[0], 1e-15);
            var onnx = new RecurrentOnnxForwardBenchmarks { Cell = cell };
            onnx.Setup();
            Console.WriteLine($"{workload} Single: ONNX Runtime agrees with the hand-written {cell}; forward NetGen {Time(onnx.NetGen, 500)} hand {Time(onnx.HandWritten, 500)} ORT {Time(onnx.OnnxRuntime, 500)}");
            onnx.Cleanup();
            foreach (Precision precision in new[] { Precision.Double, Precision.Single })
            {
                var forward = new RecurrentForwardBenchmarks { Cell = cell, Precision = precision };
                forward.Setup();
                var step = new RecurrentStepBenchmarks { Cell = cell, Precision = precision };
                step.Setup();
                var train = new RecurrentTrainStepBenchmarks { Cell = cell, Precision = precision };
                train.Setup();
                var epoch = new RecurrentEpochBenchmarks { Cell = cell, Precision = precision };
                epoch.Setup();
                Console.WriteLine($"{workload} {precision}: NetGen agrees with the hand-written {cell} (outputs, Step, a train step, an epoch)");
                Console.WriteLine($"    bytes per call: Forward {Allocated(forward.NetGen)}, Step {Allocated(step.NetGen)}, TrainStep {Allocated(train.NetGen)}, epoch {Allocated(epoch.NetGen, 5)}");
                Console.WriteLine($"    forward NetGen {Time(forward.NetGen, 500)} hand {Time(forward.HandWritten, 500)}");
                Console.WriteLine($"    step NetGen {Time(step.NetGen)} hand {Time(step.HandWritten)}");
                Console.WriteLine($"    train step NetGen {Time(train.NetGen, 200)} hand {Time(train.HandWritten, 200)}");
                Console.WriteLine($"    epoch NetGen {Time(epoch.NetGen, 2)} hand {Time(epoch.HandWritten, 2)}");
            }
        }
    }

    /// <summary>NetGen against the hand-written network: outputs, Step, one TrainStep (loss and parameters) and one epoch, to <paramref name="tolerance"/>.</summary>
    public static void Agree<T>(RecurrentWorkload<T> workload, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string name = $"{workload} {typeof(T).Name}";
        RecurrentSubject netgen = Subjects.GeneratedRecurrent(workload), hand = new HandWrittenRecurrentSubject<T>(workload);
        double[] expected = hand.Outputs();
        Same($"{name}: NetGen's outputs", expected, netgen.Outputs(), tolerance);
        StepsAgree($"{name}: NetGen", netgen, expected[0], tolerance);
        Same($"{name}: NetGen's TrainStep loss", new[] { hand.TrainStep() }, new[] { netgen.TrainStep() }, tolerance);
        Same($"{name}: NetGen's parameters after a TrainStep", hand.CurrentParameters(), netgen.CurrentParameters(), tolerance);
        Same($"{name}: NetGen's epoch loss", new[] { hand.Epoch() }, new[] { netgen.Epoch() }, tolerance * RecurrentWorkload<T>.Samples);
        Same($"{name}: NetGen's parameters after an epoch", hand.CurrentParameters(), netgen.CurrentParameters(), tolerance * 100);
    }

    public static void SameOutputs(string what, Subject expected, Subject actual, double tolerance) =>
        Same(what, expected.Outputs(), actual.Outputs(), tolerance);

    /// <summary>The sample fed one step at a time from a zero state ends on Forward's output.</summary>
    private static void StepsAgree(string what, RecurrentSubject subject, double forward, double tolerance)
    {
        double last = double.NaN;
        for (int t = 0; t < RecurrentWorkload<double>.Steps; t++)
        {
            last = subject.Step();
        }
        Same($"{what}: the last Step's output", new[] { forward }, new[] { last }, tolerance);
    }

    private static void Same(string what, double[] expected, double[] actual, double tolerance)
    {
        if (expected.Length != actual.Length)
        {
            throw new InvalidOperationException($"{what}: {actual.Length} values, the hand-written network's {expected.Length}.");
        }
        for (int k = 0; k < expected.Length; k++)
        {
            if (!(Math.Abs(expected[k] - actual[k]) <= tolerance))
            {
                throw new InvalidOperationException($"{what}: value {k} is {actual[k]:R}, the hand-written network's {expected[k]:R} (tolerance {tolerance:E0}).");
            }
        }
    }

    /// <summary>The largest relative difference between the hand-written gradient and central differences, over every parameter.</summary>
    private static double HandWrittenGradientError(RecurrentWorkload<double> workload)
    {
        HandWrittenRecurrent<double> net = workload.NewHandWritten();
        var gradient = new double[net.Parameters.Length];
        net.Backward(workload.Input, workload.Target, gradient);
        var scratch = new double[gradient.Length];
        double worst = 0, h = 1e-6;
        for (int k = 0; k < gradient.Length; k++)
        {
            double saved = net.Parameters[k];
            net.Parameters[k] = saved + h;
            double up = net.Backward(workload.Input, workload.Target, scratch);
            net.Parameters[k] = saved - h;
            double down = net.Backward(workload.Input, workload.Target, scratch);
            net.Parameters[k] = saved;
            double numeric = (up - down) / (2 * h);
            worst = Math.Max(worst, Math.Abs(numeric - gradient[k]) / Math.Max(1e-4, Math.Abs(numeric) + Math.Abs(gradient[k])));
        }
        return worst;
    }

    /// <summary>Bytes allocated per call, over many calls after a warm-up (the least of three runs, so a JIT tier-up does not count).</summary>
    private static string Allocated(Func<double> operation, int calls = 500)
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
        return ns < 10_000 ? $"{ns:0.0}ns" : ns < 10_000_000 ? $"{ns / 1000:0.0}us" : $"{ns / 1e6:0.0}ms";
    }
}
