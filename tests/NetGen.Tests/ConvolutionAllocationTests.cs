using System.Numerics;

namespace NetGen.Tests;

/// <summary>Every entry point of a convolutional network allocates nothing, measured over many calls.</summary>
public class ConvolutionAllocationTests
{
    [Fact]
    public void Unrolled_convolutional_networks_allocate_zero_bytes() => AssertNoAllocation(new SignalConvNet(), 1e-9);

    [Fact]
    public void Float_convolutional_networks_allocate_zero_bytes() => AssertNoAllocation(new ImageConvFloatNet(), 1e-9f);

    /// <summary>Forward, Backward, TrainStep, and a batch of 11 rows (whole SIMD blocks and leftovers) through BackwardBatch and TrainBatch.</summary>
    internal static void AssertNoAllocation<TNet, T>(TNet net, T rate)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int rows = 11;
        var random = new Random(3);
        for (int k = 0; k < TNet.ParameterCount; k++)
        {
            net.Parameters[k] = T.CreateChecked(random.NextDouble() - 0.5);
        }
        T[] input = Enumerable.Range(0, TNet.InputCount * rows).Select(_ => T.CreateChecked(random.NextDouble())).ToArray();
        T[] target = Enumerable.Range(0, TNet.OutputCount * rows).Select(_ => T.CreateChecked(1.0 / TNet.OutputCount)).ToArray();
        T[] output = new T[TNet.OutputCount], gradient = new T[TNet.ParameterCount];
        void Calls(int count)
        {
            for (int k = 0; k < count; k++)
            {
                net.Forward(input.AsSpan(0, TNet.InputCount), output);
                net.Backward(input.AsSpan(0, TNet.InputCount), target.AsSpan(0, TNet.OutputCount), gradient);
                net.TrainStep(input.AsSpan(0, TNet.InputCount), target.AsSpan(0, TNet.OutputCount), rate);
                net.BackwardBatch(input, target, gradient);
                net.TrainBatch(input, target, rate);
            }
        }
        Calls(1000);
        long bytes = AllocationTests.Measure(() => Calls(10_000));
        Assert.True(bytes == 0, $"{typeof(TNet).Name} allocated {bytes} bytes over 10,000 rounds of its five entry points");
    }
}
