using System.Diagnostics;

namespace NetGen.Benchmarks;

/// <summary>
/// One 256-row batch of 784-128-10 (double) through the trainer's two phases, ChunkedBatch.Backpropagate (each
/// chunk gathers its rows and runs BackwardBatch) and ChunkedBatch.Update (sum, average, SGD step by parameter
/// ranges), with Parallelism 1 and 2, beside the bare BackwardBatch calls: what is not product is overhead.
/// </summary>
internal static class ParallelPhases
{
    public static void Run()
    {
        const int Rows = ParallelEpochBenchmarks.Rows;
        DataSet<double> data = ParallelEpochBenchmarks.Data();
        var net = new Mnist();
        ParameterInitializer.Initialize(net, 1);
        var random = new Random(7);
        int[] order = Enumerable.Range(0, Rows).OrderBy(_ => random.Next()).ToArray();
        var grad = new double[Mnist.ParameterCount];
        var sgd = (IRangedOptimizerState<double>)new Sgd(1e-9).CreateState<double>(Mnist.ParameterCount);
        double[] x = new double[128 * 784], y = new double[128 * 10], g = new double[Mnist.ParameterCount];
        foreach (int p in new[] { 1, 2 })
        {
            using var batch = new ChunkedBatch<Mnist, double>(256, p);
            var names = new[] { "Backpropagate 256", "Update", "2 x BackwardBatch 128 (no gather)" };
            var times = names.Select(_ => new List<double>()).ToArray();
            for (int round = 0; round < 200; round++)
            {
                int first = round % 8 * 256;
                var sw = Stopwatch.StartNew();
                batch.Backpropagate(net, data, order, first, 256);
                times[0].Add(sw.Elapsed.TotalMicroseconds);
                sw.Restart();
                batch.Update(net, grad, 1.0 / 256, 0, sgd);
                times[1].Add(sw.Elapsed.TotalMicroseconds);
                sw.Restart();
                for (int c = 0; c < 2; c++) { g.AsSpan().Clear(); net.BackwardBatch(x, y, g); }
                times[2].Add(sw.Elapsed.TotalMicroseconds);
            }
            for (int i = 0; i < names.Length; i++)
                Console.WriteLine($"P{p} {names[i],-36} least {times[i].Min(),8:F0} us  median {times[i].Order().ElementAt(times[i].Count / 2),8:F0} us");
        }
    }
}
