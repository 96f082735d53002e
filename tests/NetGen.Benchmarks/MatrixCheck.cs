using System.Diagnostics;

namespace NetGen.Benchmarks;

/// <summary>
/// Sets up every cell of the matrix as the benchmarks do (which compares every implementation's outputs,
/// ONNX Runtime's included, with NetGen's) and calls each operation, with a rough timing: a quick check
/// before a long run. The numbers are single-shot, not measurements; the matrix run is.
/// </summary>
internal static class MatrixCheck
{
    public static void Run()
    {
        foreach (string topology in new[] { "2-2-2", "4-8-3", "16-16-4", "64-32-10", "784-128-10" })
        {
            foreach (Precision precision in new[] { Precision.Double, Precision.Single })
            {
                var forward = new ForwardBenchmarks { Topology = topology, Precision = precision };
                forward.Setup();
                var train = new TrainStepBenchmarks { Topology = topology, Precision = precision };
                train.Setup();
                var epoch = new EpochBenchmarks { Topology = topology, Precision = precision };
                epoch.Setup();
                Console.WriteLine($"{topology} {precision}: forward NetGen {Time(forward.NetGen)} hand {Time(forward.HandWritten)} TP {Time(forward.TensorPrimitives)} ORT {Time(forward.OnnxRuntime)} floor {Time(forward.Floor)}");
                Console.WriteLine($"    step NetGen {Time(train.NetGen)} hand {Time(train.HandWritten)} TP {Time(train.TensorPrimitives)} floor {Time(train.Floor)} scalar floor {Time(train.FloorScalar)}");
                Console.WriteLine($"    epoch NetGen {Time(epoch.NetGen, 20)} hand {Time(epoch.HandWritten, 20)} TP {Time(epoch.TensorPrimitives, 20)} floor {Time(epoch.Floor, 20)} scalar floor {Time(epoch.FloorScalar, 20)}");
                forward.Cleanup();
            }
        }
    }

    /// <summary>Median ns per call over a few rounds after a warm-up.</summary>
    private static string Time(Func<double> operation, int calls = 20_000)
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
