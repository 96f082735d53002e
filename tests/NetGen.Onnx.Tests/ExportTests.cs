using System.Numerics;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Every activation, both precisions and both bias modes: the exported model, run by ONNX Runtime,
/// computes what Forward computes.
/// </summary>
public class ExportTests(ITestOutputHelper output)
{
    public const double DoubleTolerance = 1e-9;
    public const double SingleTolerance = 1e-5;

    [Fact] public void Identity_double() => Check<IdentityDouble, double>();
    [Fact] public void Sigmoid_double() => Check<SigmoidDouble, double>();
    [Fact] public void Tanh_double() => Check<TanhDouble, double>();
    [Fact] public void Relu_double() => Check<ReluDouble, double>();
    [Fact] public void LeakyRelu_double() => Check<LeakyDouble, double>();
    [Fact] public void Softmax_double() => Check<SoftmaxDouble, double>();
    [Fact] public void Identity_double_shared_bias() => Check<IdentityDoubleShared, double>();
    [Fact] public void Sigmoid_double_shared_bias() => Check<SigmoidDoubleShared, double>();
    [Fact] public void Tanh_double_shared_bias() => Check<TanhDoubleShared, double>();
    [Fact] public void Relu_double_shared_bias() => Check<ReluDoubleShared, double>();
    [Fact] public void LeakyRelu_double_shared_bias() => Check<LeakyDoubleShared, double>();
    [Fact] public void Softmax_double_shared_bias() => Check<SoftmaxDoubleShared, double>();
    [Fact] public void Identity_single() => Check<IdentitySingle, float>();
    [Fact] public void Sigmoid_single() => Check<SigmoidSingle, float>();
    [Fact] public void Tanh_single() => Check<TanhSingle, float>();
    [Fact] public void Relu_single() => Check<ReluSingle, float>();
    [Fact] public void LeakyRelu_single() => Check<LeakySingle, float>();
    [Fact] public void Softmax_single() => Check<SoftmaxSingle, float>();
    [Fact] public void Identity_single_shared_bias() => Check<IdentitySingleShared, float>();
    [Fact] public void Sigmoid_single_shared_bias() => Check<SigmoidSingleShared, float>();
    [Fact] public void Tanh_single_shared_bias() => Check<TanhSingleShared, float>();
    [Fact] public void Relu_single_shared_bias() => Check<ReluSingleShared, float>();
    [Fact] public void LeakyRelu_single_shared_bias() => Check<LeakySingleShared, float>();
    [Fact] public void Softmax_single_shared_bias() => Check<SoftmaxSingleShared, float>();
    [Fact] public void Mixed_layers_double() => Check<MixedDouble, double>();
    [Fact] public void Mixed_layers_single() => Check<MixedSingle, float>();
    [Fact] public void Loops_form_double() => Check<LoopsDouble, double>();
    [Fact] public void Loops_form_single_shared_bias() => Check<LoopsSingleShared, float>();

    private void Check<TNetwork, T>()
        where TNetwork : INetwork<TNetwork, T>, new()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double tolerance = typeof(T) == typeof(double) ? DoubleTolerance : SingleTolerance;
        var network = new TNetwork();
        Agreement.Randomize(network.Parameters, seed: typeof(TNetwork).Name.Length);
        T[] batch = Agreement.RandomBatch<T>(TNetwork.InputCount, seed: 7);

        byte[] model = OnnxExporter.ToBytes(network);
        using var runtime = new OnnxRuntimeRunner(model);
        T[] expected = Agreement.ForwardAll(network, batch);
        T[] actual = runtime.Run(batch, TNetwork.InputCount);

        double difference = Agreement.MaxAbsDifference(expected, actual);
        output.WriteLine($"{typeof(TNetwork).Name}: max |Forward - ONNX Runtime| = {difference:E2} over {Agreement.BatchSize} inputs");
        Assert.True(Agreement.Spread(expected) > 0.05, "the outputs barely vary; the comparison would prove little");
        Assert.True(difference < tolerance, $"max difference {difference:E3} exceeds {tolerance:E0}");

        // The comparison can fail: the same model against a network whose first weight moved differs.
        network.Parameters[0] += T.CreateChecked(0.5);
        double perturbed = Agreement.MaxAbsDifference(Agreement.ForwardAll(network, batch), actual);
        Assert.True(perturbed > 1e-3, $"moving a weight changed the outputs by only {perturbed:E3}");
    }
}
