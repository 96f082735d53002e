using System.Numerics;

namespace NetGen.Tests.Recurrent;

/// <summary>Every entry point of an unrolled recurrent network allocates nothing, measured over many calls; Step included.</summary>
public class RecurrentAllocationTests
{
    [Fact]
    public void Unrolled_gru_allocates_zero_bytes() => AssertNoAllocation(new UnrolledGruNet(), 1e-9);

    [Fact]
    public void Unrolled_float_lstm_with_a_per_step_head_allocates_zero_bytes() => AssertNoAllocation(new UnrolledLstmSequenceFloatNet(), 1e-9f);

    [Fact]
    public void Unrolled_stacked_rnn_allocates_zero_bytes() => AssertNoAllocation(new UnrolledStackedRnnNet(), 1e-9);

    /// <summary>Forward, Backward, TrainStep, BackwardBatch, TrainBatch (via the convolution test's helper), then Step.</summary>
    private static void AssertNoAllocation<TNet, T>(TNet net, T rate)
        where TNet : IRecurrentNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ConvolutionAllocationTests.AssertNoAllocation(net, rate);
        T[] input = Enumerable.Range(0, TNet.StepInputCount).Select(k => T.CreateChecked(0.1 * k)).ToArray();
        T[] state = new T[TNet.StateSize], output = new T[TNet.StepOutputCount];
        void Steps(int count)
        {
            for (int k = 0; k < count; k++)
            {
                net.Step(input, state, output);
            }
        }
        Steps(1000);
        long bytes = AllocationTests.Measure(() => Steps(100_000));
        Assert.True(bytes == 0, $"{typeof(TNet).Name} allocated {bytes} bytes over 100,000 calls of Step");
    }
}
