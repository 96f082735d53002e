using System.Threading;
using NetGen.Runtime;

namespace NetGen.Tests.Stack;

/// <summary>
/// Entry points whose large buffers come from the scratch stack: a call nested in another on the same thread gets
/// memory of its own, a throwing explanation gives the scratch back, two threads train two networks as one thread
/// trains each, and no entry point allocates after its first call.
/// </summary>
public class ScratchEntryPointTests
{
    [Fact]
    public void An_explanation_may_run_another_network_in_the_middle_of_explain()
    {
        LongLstmLoopNet net = Seeded(new LongLstmLoopNet(), 3), other = Seeded(new LongLstmLoopNet(), 4);
        double[] input = Row(LongLstmLoopNet.InputCount, 5), target = [0.5], otherInput = Row(LongLstmLoopNet.InputCount, 6);
        double[] expected = new double[1];
        other.Forward(otherInput, expected);

        var plain = new Recorder(null);
        double loss = net.Explain(input, target, plain);
        var innerOutputs = new List<double>();
        var nesting = new Recorder(() =>
        {
            // Another network's Forward takes its own cache from the scratch stack while net's is still in use.
            double[] output = new double[1];
            other.Forward(otherInput, output);
            innerOutputs.Add(output[0]);
        });
        double nestedLoss = net.Explain(input, target, nesting);

        Assert.True(innerOutputs.Count >= 10, $"the inner network ran {innerOutputs.Count} times");
        Assert.All(innerOutputs, v => Assert.Equal(expected[0], v));
        Assert.Equal(loss, nestedLoss);
        Assert.Equal(plain.Values, nesting.Values);
    }

    [Fact]
    public void A_throwing_explanation_gives_the_scratch_back()
    {
        LongLstmLoopNet net = Seeded(new LongLstmLoopNet(), 3);
        double[] input = Row(LongLstmLoopNet.InputCount, 5), target = [0.5];
        int mark = ScratchStack.Mark;
        Assert.Throws<InvalidOperationException>(() => net.Explain(input, target, new Recorder(() => throw new InvalidOperationException("stop"))));
        Assert.Equal(mark, ScratchStack.Mark);
    }

    [Fact]
    public void Two_threads_train_two_networks_at_once_as_one_thread_trains_each()
    {
        double[] Train(int seed, Barrier? barrier)
        {
            var net = Seeded(new LongLstmLoopNet(), seed);
            double[] inputs = Row(4 * LongLstmLoopNet.InputCount, seed + 10), targets = Row(4, seed + 20);
            barrier?.SignalAndWait();
            for (int k = 0; k < 3; k++)
            {
                net.TrainStep(inputs.AsSpan(0, LongLstmLoopNet.InputCount), targets.AsSpan(0, 1), 0.01);
                net.TrainBatch(inputs, targets, 0.01);
            }
            return net.Parameters.ToArray();
        }
        double[] first = Train(1, null), second = Train(2, null);
        using var barrier = new Barrier(2);
        double[]? firstAtOnce = null, secondAtOnce = null;
        var threads = new[] { new Thread(() => firstAtOnce = Train(1, barrier)), new Thread(() => secondAtOnce = Train(2, barrier)) };
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());
        Assert.Equal(first, firstAtOnce);
        Assert.Equal(second, secondAtOnce);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Entry_points_with_scratch_buffers_allocate_zero_bytes_after_the_first_call()
    {
        var lstm = new LongLstmLoopNet();
        AssertNoAllocation(lstm, 1e-9, Stepper<LongLstmLoopNet, double>(lstm));
        var stacked = new LongStackedFloatLoopNet();
        AssertNoAllocation(stacked, 1e-9f, Stepper<LongStackedFloatLoopNet, float>(stacked));
        AssertNoAllocation(new WideMapLoopNet(), 1e-9, step: () => { });
    }

    /// <summary>Forward, Backward, TrainStep, ForwardBatch, BackwardBatch and TrainBatch of 3 rows, and Step where there is one, 20 rounds.</summary>
    private static void AssertNoAllocation<TNet, T>(TNet net, T rate, Action step)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int rows = 3;
        var random = new Random(8);
        for (int k = 0; k < TNet.ParameterCount; k++)
        {
            net.Parameters[k] = T.CreateChecked((random.NextDouble() - 0.5) * 0.2);
        }
        T[] inputs = Enumerable.Range(0, rows * TNet.InputCount).Select(_ => T.CreateChecked(random.NextDouble())).ToArray();
        T[] targets = Enumerable.Range(0, rows * TNet.OutputCount).Select(_ => T.CreateChecked(0.5)).ToArray();
        T[] output = new T[TNet.OutputCount], outputs = new T[rows * TNet.OutputCount], gradient = new T[TNet.ParameterCount];
        void Rounds(int count)
        {
            for (int k = 0; k < count; k++)
            {
                net.Forward(inputs.AsSpan(0, TNet.InputCount), output);
                net.Backward(inputs.AsSpan(0, TNet.InputCount), targets.AsSpan(0, TNet.OutputCount), gradient);
                net.TrainStep(inputs.AsSpan(0, TNet.InputCount), targets.AsSpan(0, TNet.OutputCount), rate);
                net.ForwardBatch(inputs, outputs);
                net.BackwardBatch(inputs, targets, gradient);
                net.TrainBatch(inputs, targets, rate);
                step();
            }
        }
        Rounds(2);
        long bytes = AllocationTests.Measure(() => Rounds(20));
        Assert.True(bytes == 0, $"{typeof(TNet).Name} allocated {bytes} bytes over 20 rounds of its entry points");
    }

    /// <summary>One Step of a recurrent network on buffers of its own.</summary>
    private static Action Stepper<TNet, T>(TNet net)
        where TNet : IRecurrentNetwork<TNet, T>
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] input = new T[TNet.StepInputCount], state = new T[TNet.StateSize], output = new T[TNet.StepOutputCount];
        return () => net.Step(input, state, output);
    }

    private static TNet Seeded<TNet>(TNet net, int seed)
        where TNet : INetwork<TNet, double>
    {
        var random = new Random(seed);
        for (int k = 0; k < TNet.ParameterCount; k++)
        {
            net.Parameters[k] = (random.NextDouble() - 0.5) * 0.4;
        }
        return net;
    }

    private static double[] Row(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    /// <summary>Records every reported value; every 2,000th report also runs <c>during</c>.</summary>
    private sealed class Recorder(Action? during) : IExplanation<double>
    {
        public List<double> Values { get; } = [];

        public void Parameter(string name, double value) => Values.Add(value);

        public void Step(string name, double value, string formula)
        {
            Values.Add(value);
            if (during is not null && Values.Count % 2_000 == 0)
            {
                during();
            }
        }

        public void Update(string parameter, double oldValue, double learningRate, double gradient, double newValue) => Values.Add(newValue);
    }
}
