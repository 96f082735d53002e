using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// One single-sample TrainStep (double) per operation: generated unrolled code (U), generated loops (L) and
/// the hand-written loop implementation, for each topology. The threshold in CodeStylePolicy comes from here.
/// </summary>
[MemoryDiagnoser]
public class UnrollThresholdBenchmarks
{
    [Params("2-2-2", "4-8-3", "8-8-8", "10-10-10", "12-12-8", "16-16-4", "20-20-8", "24-24-8", "64-32-10", "784-128-10")]
    public string Topology { get; set; } = "2-2-2";

    private Func<double>? _unrolled, _loops, _hand;

    [GlobalSetup]
    public void Setup()
    {
        int[] sizes = Topology.Split('-').Select(int.Parse).ToArray();
        double[] input = Filled(sizes[0], 1), target = Filled(sizes[^1], 2).Select(v => (v + 1) / 2).ToArray();
        var hand = new HandWrittenMlp<double>(sizes);
        Fill(hand.Parameters, 3);
        _hand = () => hand.TrainStep(input, target, 1e-6);
        (_unrolled, _loops) = Topology switch
        {
            "2-2-2" => (Step(new U_2_2_2(), input, target), Step(new L_2_2_2(), input, target)),
            "4-8-3" => (Step(new U_4_8_3(), input, target), Step(new L_4_8_3(), input, target)),
            "8-8-8" => (Step(new U_8_8_8(), input, target), Step(new L_8_8_8(), input, target)),
            "10-10-10" => (Step(new U_10_10_10(), input, target), Step(new L_10_10_10(), input, target)),
            "12-12-8" => (Step(new U_12_12_8(), input, target), Step(new L_12_12_8(), input, target)),
            "16-16-4" => (Step(new U_16_16_4(), input, target), Step(new L_16_16_4(), input, target)),
            "20-20-8" => (Step(new U_20_20_8(), input, target), Step(new L_20_20_8(), input, target)),
            "24-24-8" => (Step(new U_24_24_8(), input, target), Step(new L_24_24_8(), input, target)),
            "64-32-10" => (Step(new U_64_32_10(), input, target), Step(new L_64_32_10(), input, target)),
            _ => (null, Step(new Mnist(), input, target)),
        };
    }

    private static Func<double> Step<TNet>(TNet net, double[] input, double[] target)
        where TNet : INetwork<TNet, double>
    {
        Fill(net.Parameters, 3);
        return () => net.TrainStep(input, target, 1e-6);
    }

    [Benchmark(Baseline = true)]
    public double HandWritten() => _hand!();

    [Benchmark]
    public double Unrolled() => _unrolled?.Invoke() ?? 0;

    [Benchmark]
    public double Loops() => _loops!();

    internal static double[] Filled(int length, int seed)
    {
        var values = new double[length];
        Fill(values, seed);
        return values;
    }

    internal static void Fill(Span<double> values, int seed)
    {
        var random = new Random(seed);
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = (random.NextDouble() * 2 - 1) * 0.5;
        }
    }
}
