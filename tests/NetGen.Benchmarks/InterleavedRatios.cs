using System.IO;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NetGen.Benchmarks;

/// <summary>
/// Ratios that survive a shared, noisy machine: for each cell of the matrix, every implementation is
/// timed in turn within one round (about 10 ms each, order rotated between rounds), and the ratio
/// alternative / NetGen is taken within each round; the table gives the median over the rounds. Slow
/// drifts in the machine's load then cancel, which a run of one benchmark after another cannot do.
/// It complements the BenchmarkDotNet matrix (which also measures allocations); it does not replace it.
/// </summary>
internal static class InterleavedRatios
{
    private static readonly string[] Topologies = { "2-2-2", "4-8-3", "16-16-4", "64-32-10", "784-128-10" };
    private const int Rounds = 15;

    public static void Run(string[] only, string path)
    {
        var text = new StringBuilder();
        foreach (string operation in new[] { "Forward", "TrainStep", "Epoch" })
        {
            string[] names = operation == "Forward"
                ? new[] { "NetGen", "HandWritten", "TensorPrimitives", "OnnxRuntime", "Floor", "FloorScalar" }
                : new[] { "NetGen", "HandWritten", "TensorPrimitives", "Floor", "FloorScalar" };
            text.AppendLine($"### {operation} (interleaved, median of {Rounds} rounds)").AppendLine();
            text.Append("| topology | precision | NetGen | ").Append(string.Join(" | ", names.Skip(1).Select(n => n + " / NetGen"))).AppendLine(" |");
            text.Append("|---|---|---:|").Append(string.Concat(names.Skip(1).Select(_ => "---:|"))).AppendLine();
            foreach (string topology in Topologies.Where(t => only.Length == 0 || only.Contains(t)))
            {
                foreach (Precision precision in new[] { Precision.Double, Precision.Single })
                {
                    Func<double>[] operations = Operations(operation, topology, precision, names);
                    double[][] times = Measure(operations);
                    double mine = Median(times[0]);
                    text.Append($"| {topology} | {precision} | {Format(mine)} | ");
                    text.Append(string.Join(" | ", Enumerable.Range(1, names.Length - 1).Select(k =>
                        Median(times[k].Zip(times[0], (other, netgen) => other / netgen).ToArray()).ToString("0.00", CultureInfo.InvariantCulture))));
                    text.AppendLine(" |");
                    Console.WriteLine($"{operation} {topology} {precision}: done");
                }
            }
            text.AppendLine();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
        Console.WriteLine(text);
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
    }

    private static Func<double>[] Operations(string operation, string topology, Precision precision, string[] names)
    {
        MatrixBenchmarks benchmarks = operation switch
        {
            "Forward" => new ForwardBenchmarks(),
            "TrainStep" => new TrainStepBenchmarks(),
            _ => new EpochBenchmarks(),
        };
        benchmarks.Topology = topology;
        benchmarks.Precision = precision;
        benchmarks.Setup();
        return names.Select(name => (Func<double>)Delegate.CreateDelegate(typeof(Func<double>), benchmarks, name)).ToArray();
    }

    /// <summary>ns per call of each operation, one entry per round.</summary>
    private static double[][] Measure(Func<double>[] operations)
    {
        // Warm-up: run each operation in bursts with pauses, so that tiered compilation (whose call counting
        // waits for a quiet 100 ms, and whose background compiles starve on a busy machine) reaches Tier1.
        // The last burst also sets the calls per timing: enough for about 10 ms.
        var calls = new int[operations.Length];
        for (int burst = 0; burst < 4; burst++)
        {
            for (int k = 0; k < operations.Length; k++)
            {
                var clock = Stopwatch.StartNew();
                int n = 0;
                while (clock.ElapsedMilliseconds < 100)
                {
                    operations[k]();
                    n++;
                }
                calls[k] = Math.Max(1, n / 10);
            }
            System.Threading.Thread.Sleep(150);
        }
        var times = operations.Select(_ => new double[Rounds]).ToArray();
        for (int round = 0; round < Rounds; round++)
        {
            for (int j = 0; j < operations.Length; j++)
            {
                int k = (j + round) % operations.Length;
                Func<double> operation = operations[k];
                var clock = Stopwatch.StartNew();
                for (int c = 0; c < calls[k]; c++)
                {
                    operation();
                }
                times[k][round] = clock.Elapsed.TotalNanoseconds / calls[k];
            }
        }
        return times;
    }

    private static double Median(double[] values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Format(double ns) =>
        ns < 1_000 ? ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns"
        : ns < 1_000_000 ? (ns / 1_000).ToString("0.00", CultureInfo.InvariantCulture) + " us"
        : (ns / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms";
}
