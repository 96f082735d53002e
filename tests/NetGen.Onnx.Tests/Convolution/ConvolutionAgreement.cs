using System.Numerics;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests.Convolution;

/// <summary>Forward against ONNX Runtime on one random batch of shaped inputs, with the tolerances of issue 13.</summary>
internal static class ConvolutionAgreement
{
    public const double DoubleTolerance = 1e-12;
    public const double SingleTolerance = 1e-5;

    public static void Check<TNetwork, T>(ITestOutputHelper output)
        where TNetwork : INetwork<TNetwork, T>, new()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double tolerance = typeof(T) == typeof(double) ? DoubleTolerance : SingleTolerance;
        var network = new TNetwork();
        Agreement.Randomize(network.Parameters, seed: TNetwork.ParameterCount);
        T[] batch = Agreement.RandomBatch<T>(TNetwork.InputCount, seed: 7);

        using var runtime = new OnnxRuntimeRunner(OnnxExporter.ToBytes(network));
        T[] expected = Agreement.ForwardAll(network, batch);
        T[] actual = runtime.Run(batch, TNetwork.InputShape.ToArray());

        double difference = Agreement.MaxAbsDifference(expected, actual);
        output.WriteLine($"{typeof(TNetwork).Name} {NetworkLayout.Of<TNetwork, T>().Description}: max |Forward - ONNX Runtime| = {difference:E2} over {Agreement.BatchSize} inputs");
        Assert.True(Agreement.Spread(expected) > 0.05, "the outputs barely vary; the comparison would prove little");
        Assert.True(difference < tolerance, $"max difference {difference:E3} exceeds {tolerance:E0}");

        // The comparison can fail: moving the first convolution weight changes Forward away from the model.
        network.Parameters[0] += T.CreateChecked(0.5);
        double perturbed = Agreement.MaxAbsDifference(Agreement.ForwardAll(network, batch), actual);
        Assert.True(perturbed > 1e-4, $"moving a weight changed the outputs by only {perturbed:E3}");
    }
}
