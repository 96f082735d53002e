namespace NetGen.Tests.Recurrent;

/// <summary>The streaming Step of unrolled recurrent networks: its sizes, its argument checks, and Forward's outputs after T steps.</summary>
public class StepTests
{
    [Fact]
    public void Sizes_follow_the_declaration()
    {
        Assert.Equal((4, 2, 1, 3), (UnrolledGruNet.Steps, UnrolledGruNet.StepInputCount, UnrolledGruNet.StepOutputCount, UnrolledGruNet.StateSize));
        // An LSTM keeps h and c; a per-step head writes one step's outputs.
        Assert.Equal((3, 2, 2, 4), (UnrolledLstmSequenceFloatNet.Steps, UnrolledLstmSequenceFloatNet.StepInputCount, UnrolledLstmSequenceFloatNet.StepOutputCount, UnrolledLstmSequenceFloatNet.StateSize));
        // Two stacked layers keep both states.
        Assert.Equal(5, UnrolledStackedRnnNet.StateSize);
    }

    [Fact]
    public void Wrong_lengths_throw_before_the_state_changes()
    {
        var net = new UnrolledGruNet();
        double[] state = { 0.25, -0.5, 0.75 };
        Assert.Throws<ArgumentException>(() => net.Step(new double[3], state, new double[1]));
        Assert.Throws<ArgumentException>(() => net.Step(new double[2], new double[2], new double[1]));
        Assert.Throws<ArgumentException>(() => net.Step(new double[2], state, new double[2]));
        Assert.Equal(new[] { 0.25, -0.5, 0.75 }, state);
    }

    [Fact]
    public void Steps_from_a_zero_state_give_Forward_and_a_cleared_state_starts_again()
    {
        var net = new UnrolledStackedRnnNet();
        var random = new Random(4);
        for (int k = 0; k < UnrolledStackedRnnNet.ParameterCount; k++)
        {
            net.Parameters[k] = random.NextDouble() - 0.5;
        }
        double[] sequence = Enumerable.Range(0, UnrolledStackedRnnNet.InputCount).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var state = new double[UnrolledStackedRnnNet.StateSize];
        var streamed = new double[1];
        for (int t = 0; t < UnrolledStackedRnnNet.Steps; t++)
        {
            net.Step(sequence.AsSpan(t * 2, 2), state, streamed);
        }
        var whole = new double[1];
        net.Forward(sequence, whole);
        Assert.Equal(whole[0], streamed[0]);

        // Feeding the same stream again continues from where it was: the state is the caller's, so a reset is a clear.
        net.Step(sequence.AsSpan(0, 2), state, streamed);
        Assert.NotEqual(whole[0], streamed[0]);
        Array.Clear(state);
        for (int t = 0; t < UnrolledStackedRnnNet.Steps; t++)
        {
            net.Step(sequence.AsSpan(t * 2, 2), state, streamed);
        }
        Assert.Equal(whole[0], streamed[0]);
    }
}
