using System.Diagnostics;

namespace NetGen.Benchmarks;

/// <summary>Where a parallel epoch's time goes: the epoch at Parallelism 1 and 2, and its parts, interleaved, best and median.</summary>
internal static class ParallelProbe
{
    public static void Run()
    {
        DataSet<double> data = ParallelEpochBenchmarks.Data();
        var net = new Mnist();
        ParameterInitializer.Initialize(net, 1);
        double[] initial = net.Parameters.ToArray();
        Trainer<Mnist, double> Make(int p, int epochs) => new(new TrainerOptions { Epochs = epochs, BatchSize = 256, Optimizer = new Sgd(0.1), Accuracy = AccuracyMode.None, Parallelism = p });
        var t1 = Make(1, 1); var t2 = Make(2, 1); var t1x4 = Make(1, 4); var t2x4 = Make(2, 4);
        double[] x = new double[256 * 784], y = new double[256 * 10], g = new double[Mnist.ParameterCount];
        for (int r = 0; r < 256; r++) { data.Input(r).CopyTo(x.AsSpan(r * 784)); data.Target(r).CopyTo(y.AsSpan(r * 10)); }
        var names = new[] { "Fit P1 (1 epoch)", "Fit P2 (1 epoch)", "Fit P1 (4 epochs)/4", "Fit P2 (4 epochs)/4", "8 x BackwardBatch 256", "16 x BackwardBatch 128" };
        var times = names.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < 25; round++)
        {
            Time(0, () => { initial.CopyTo(net.Parameters); t1.Fit(net, data, progress: null); });
            Time(1, () => { initial.CopyTo(net.Parameters); t2.Fit(net, data, progress: null); });
            Time(2, () => { initial.CopyTo(net.Parameters); t1x4.Fit(net, data, progress: null); }, 4);
            Time(3, () => { initial.CopyTo(net.Parameters); t2x4.Fit(net, data, progress: null); }, 4);
            Time(4, () => { for (int b = 0; b < 8; b++) { g.AsSpan().Clear(); net.BackwardBatch(x, y, g); } });
            Time(5, () => { for (int b = 0; b < 16; b++) { g.AsSpan().Clear(); net.BackwardBatch(x.AsSpan(0, 128 * 784), y.AsSpan(0, 1280), g); } });

            void Time(int i, Action a, int divide = 1)
            {
                var sw = Stopwatch.StartNew();
                a();
                if (round >= 3) times[i].Add(sw.Elapsed.TotalMilliseconds / divide);
            }
        }
        foreach (var trainer in new[] { t1x4, t2x4 })
        {
            for (int run = 0; run < 3; run++)
            {
                initial.CopyTo(net.Parameters);
                var sw = Stopwatch.StartNew();
                var history = trainer.Fit(net, data, progress: null);
                double total = sw.Elapsed.TotalMilliseconds;
                var ends = history.Epochs.Select(e => e.Elapsed.TotalMilliseconds).ToArray();
                Console.WriteLine($"Parallelism {trainer.Options.Parallelism}, a Fit of 4: {total:F2} ms; epochs end at {string.Join(", ", ends.Select(e => e.ToString("F2")))} ms");
            }
        }
        for (int i = 0; i < names.Length; i++)
        {
            Console.WriteLine($"{names[i],-26} least {times[i].Min(),7:F2} ms  median {times[i].Order().ElementAt(times[i].Count / 2),7:F2} ms");
        }
    }
}
