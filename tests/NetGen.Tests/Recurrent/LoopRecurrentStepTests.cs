using System.Numerics;

namespace NetGen.Tests.Recurrent;

/// <summary>
/// Streaming through Step equals the whole-sequence Forward of loop-style recurrent networks bit for bit (the same
/// kernels in the same order), and every entry point of the benchmark's GRU allocates nothing.
/// </summary>
public class LoopRecurrentStepTests
{
    [Fact]
    public void Gru_steps_end_where_forward_does() => AssertStepsMatchForward<GruLoopNet, double>(new GruLoopNet(), seed: 1);

    [Fact]
    public void Lstm_steps_end_where_forward_does() => AssertStepsMatchForward<LstmLoopNet, double>(new LstmLoopNet(), seed: 2);

    [Fact]
    public void Per_step_head_gives_forward_row_by_row() => AssertStepsMatchForward<LstmSequenceLoopNet, double>(new LstmSequenceLoopNet(), seed: 3);

    [Fact]
    public void Stacked_float_cells_stream_like_forward() => AssertStepsMatchForward<StackedFloatLoopNet, float>(new StackedFloatLoopNet(), seed: 4);

    [Fact]
    public void Loop_recurrent_contract_sizes()
    {
        Assert.Equal(50, GruLoopNet.Steps);
        Assert.Equal(2, GruLoopNet.StepInputCount);
        Assert.Equal(1, GruLoopNet.StepOutputCount);
        Assert.Equal(16, GruLoopNet.StateSize);
        Assert.Equal(32, LstmLoopNet.StateSize);
        Assert.Equal(2, LstmSequenceLoopNet.StepOutputCount);
        Assert.Equal(12, LstmSequenceLoopNet.OutputCount);
        Assert.Equal(3 + 4, StackedFloatLoopNet.StateSize);
        // PyTorch's sizes: 3 gates x 16 x (2 + 16) weights, 2 x 48 biases, then the head's 16 + 1.
        Assert.Equal(3 * 16 * 18 + 96 + 17, GruLoopNet.ParameterCount);
        // The plan's names, in PyTorch's order: weight_ih, weight_hh, bias_ih, bias_hh, then the head.
        string[] names = GruLoopNet.ParameterNames.ToArray();
        Assert.Equal(("w_r1_1_i1", "w_z1_1_i2", "w_r1_1_h1_1", "w_n1_16_h1_16"), (names[0], names[16 * 2 + 1], names[96], names[96 + 48 * 16 - 1]));
        Assert.Equal(("b_ir1_1", "b_hn1_16", "b_o1"), (names[864], names[959], names[^1]));
        Assert.All(names, name => Assert.False(string.IsNullOrEmpty(name)));
    }

    [Fact]
    public void Step_refuses_wrong_lengths()
    {
        var net = new GruLoopNet();
        Assert.Throws<ArgumentException>(() => net.Step(new double[3], new double[16], new double[1]));
        Assert.Throws<ArgumentException>(() => net.Step(new double[2], new double[15], new double[1]));
        Assert.Throws<ArgumentException>(() => net.Step(new double[2], new double[16], new double[2]));
    }

    private static void AssertStepsMatchForward<TNet, T>(TNet net, int seed)
        where TNet : IRecurrentNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        for (int k = 0; k < TNet.ParameterCount; k++)
        {
            net.Parameters[k] = T.CreateChecked(random.NextDouble() - 0.5);
        }
        T[] input = Enumerable.Range(0, TNet.InputCount).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1)).ToArray();
        var forward = new T[TNet.OutputCount];
        net.Forward(input, forward);
        var state = new T[TNet.StateSize];
        var step = new T[TNet.StepOutputCount];
        bool perStep = TNet.OutputCount == TNet.Steps * TNet.StepOutputCount && TNet.StepOutputCount != TNet.OutputCount;
        for (int t = 0; t < TNet.Steps; t++)
        {
            net.Step(input.AsSpan(t * TNet.StepInputCount, TNet.StepInputCount), state, step);
            if (perStep)
            {
                Assert.Equal(forward.AsSpan(t * TNet.StepOutputCount, TNet.StepOutputCount).ToArray(), step);
            }
        }
        Assert.Equal(perStep ? forward.AsSpan((TNet.Steps - 1) * TNet.StepOutputCount).ToArray() : forward, step);
        Assert.Contains(state, v => v != T.Zero);
    }

    [Fact]
    public void Gru_loop_entry_points_allocate_zero_bytes()
    {
        var net = new GruLoopNet();
        const int rows = 5;
        var random = new Random(5);
        for (int k = 0; k < GruLoopNet.ParameterCount; k++)
        {
            net.Parameters[k] = random.NextDouble() - 0.5;
        }
        double[] inputs = Enumerable.Range(0, GruLoopNet.InputCount * rows).Select(_ => random.NextDouble()).ToArray();
        double[] targets = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        double[] outputs = new double[rows], gradient = new double[GruLoopNet.ParameterCount], state = new double[GruLoopNet.StateSize], step = new double[1];
        ReadOnlySpan<double> Input() => inputs.AsSpan(0, GruLoopNet.InputCount);
        void Calls(Action<int> call)
        {
            for (int k = 0; k < 200; k++)
            {
                call(k);
            }
        }
        var calls = new (string Name, Action<int> Call)[]
        {
            ("Forward", _ => net.Forward(Input(), outputs.AsSpan(0, 1))),
            ("Backward", _ => net.Backward(Input(), targets.AsSpan(0, 1), gradient)),
            ("TrainStep", _ => net.TrainStep(Input(), targets.AsSpan(0, 1), 1e-9)),
            ("ForwardBatch", _ => net.ForwardBatch(inputs, outputs)),
            ("BackwardBatch", _ => net.BackwardBatch(inputs, targets, gradient)),
            ("TrainBatch", _ => net.TrainBatch(inputs, targets, 1e-9)),
            ("Step", k => net.Step(inputs.AsSpan(k % 50 * 2, 2), state, step)),
        };
        foreach (var (name, call) in calls)
        {
            Calls(call);
            long bytes = AllocationTests.Measure(() => Calls(call));
            Assert.True(bytes == 0, $"{name} allocated {bytes} bytes over 200 calls");
        }
    }
}
