using Xunit.Abstractions;
using static NetGen.Onnx.Tests.ConvModels;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Hand-built models in the shapes PyTorch does not export, compiled and compared with ONNX Runtime (float,
/// 1e-5): auto_pad (SAME_UPPER with its odd zero at the end, symmetric SAME_LOWER, VALID), pads that differ
/// between sides, a Reshape by a constant initializer, BatchNormalization folded into a Gemm, 1D pooling
/// with a stride other than its window.
/// </summary>
public class ConvImportTests(ITestOutputHelper output)
{
    private void Agrees(string what, byte[] model, int[] sampleShape)
    {
        Assert.Null(RuntimeOracle.LoadError(model));
        var (worst, spread) = ConvAgreement.Measure(model, "float", sampleShape);
        output.WriteLine($"{what}: max |Forward - ONNX Runtime| = {worst:E2} over outputs spread {spread:F3}");
        Assert.True(spread > 0.05, $"outputs barely vary ({spread})");
        Assert.True(worst < ExportTests.SingleTolerance, $"max difference {worst:E3}");
    }

    [Fact]
    public void SAME_UPPER_with_stride_2_and_an_even_kernel_pads_the_end()
    {
        // 5x5, kernel 2, stride 2: 3x3 out, one zero row and column at the end only.
        byte[] model = Model(b => b.Node("Relu", new[] { "c" }, "t"), 2 * 3 * 3, kernel: new long[] { 2, 2 },
            convAttributes: new[] { ModelBuilder.Text("auto_pad", "SAME_UPPER"), ModelBuilder.Ints("strides", 2, 2) });
        Assert.Equal(new[] { 18, 2 }, ImporterProbe.Import(model).Network!.Layers.Select(l => l.Width));
        Agrees("SAME_UPPER, stride 2, kernel 2", model, new[] { 1, 5, 5 });
    }

    [Fact]
    public void Symmetric_SAME_LOWER_and_VALID_and_explicit_uneven_pads()
    {
        Agrees("SAME_LOWER, kernel 3", Model(b => b.Node("Tanh", new[] { "c" }, "t"), 2 * 5 * 5,
            convAttributes: ModelBuilder.Text("auto_pad", "SAME_LOWER")), new[] { 1, 5, 5 });
        Agrees("VALID", Model(b => b.Node("Sigmoid", new[] { "c" }, "t"), 2 * 3 * 3,
            convAttributes: ModelBuilder.Text("auto_pad", "VALID")), new[] { 1, 5, 5 });
        // pads [top 0, left 1, bottom 1, right 0]: 4x4 out.
        Agrees("pads [0, 1, 1, 0]", Model(b => b.Node("Relu", new[] { "c" }, "t"), 2 * 4 * 4,
            convAttributes: ModelBuilder.Ints("pads", 0, 1, 1, 0)), new[] { 1, 5, 5 });
    }

    [Fact]
    public void A_constant_Reshape_and_BatchNormalization_after_a_Gemm()
    {
        ModelBuilder model = Conv()
            .Node("Relu", new[] { "c" }, "r")
            .Int64Tensor("shape", new long[] { 2 }, -1, 18)
            .Node("Reshape", new[] { "r", "shape" }, "flat")
            .Tensor("W1", new long[] { 4, 18 }, Crafted.Values(72, 61))
            .Node("Gemm", new[] { "flat", "W1" }, "g", OnnxMessages.IntAttribute("transB", 1))
            .Tensor("s", new long[] { 4 }, 1.5, 0.5, 2, 1).Tensor("bb", new long[] { 4 }, 0.1, -0.2, 0.3, 0)
            .Tensor("m", new long[] { 4 }, 0.5, -0.5, 0, 1).Tensor("v", new long[] { 4 }, 0.25, 2, 1, 0.5)
            .Node("BatchNormalization", new[] { "g", "s", "bb", "m", "v" }, "bn", OnnxMessages.FloatAttribute("epsilon", 0.01f))
            .Node("Tanh", new[] { "bn" }, "h");
        Agrees("Reshape [-1, 18], Gemm + BatchNormalization", Head(model, "h", 4), new[] { 1, 5, 5 });
    }

    [Fact]
    public void One_dimensional_average_pooling_with_a_stride_other_than_its_window()
    {
        byte[] model = Model(b => b.Node("AveragePool", new[] { "c" }, "t", ModelBuilder.Ints("kernel_shape", 3), ModelBuilder.Ints("strides", 2)),
            2 * 4, kernel: new long[] { 3 }, channels: 2, inputDims: new object[] { "N", 2, 12 });
        Agrees("Conv1D 3, AveragePool 3 stride 2", model, new[] { 2, 12 });
    }
}
