using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Models exported by PyTorch 1.13 (Fixtures/make_conv_fixtures.py) compile into networks whose Forward
/// agrees with ONNX Runtime on random inputs: 1e-12 in double, 1e-10 where a BatchNormalization is folded
/// into the weights (folding reorders the arithmetic), 1e-5 in float.
/// </summary>
public class ConvFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, int[], double> Fixtures() => new()
    {
        { "conv2d_bn_relu_maxpool_double", "double", new[] { 1, 6, 6 }, 1e-10 },
        { "conv2d_bn_relu_maxpool", "float", new[] { 1, 6, 6 }, 1e-5 },
        { "conv1d_avgpool_gap_double", "double", new[] { 2, 10 }, 1e-12 },
        { "conv1d_avgpool_gap", "float", new[] { 2, 10 }, 1e-5 },
        { "conv_same_stride_dilation_double", "double", new[] { 1, 6, 6 }, 1e-12 },
        { "conv_same_stride_dilation", "float", new[] { 1, 6, 6 }, 1e-5 },
        { "pool_then_relu_double", "double", new[] { 1, 8, 8 }, 1e-12 },
        { "pool_then_relu", "float", new[] { 1, 8, 8 }, 1e-5 },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_PyTorch_export_compiles_and_agrees_with_ONNX_Runtime(string fixture, string type, int[] sampleShape, double tolerance)
    {
        byte[] model = File.ReadAllBytes(Path.Combine(ProjectFolder(), "Fixtures", fixture + ".onnx"));
        var (worst, spread) = ConvAgreement.Measure(model, type, sampleShape);
        output.WriteLine($"{fixture} ({type}): max |Forward - ONNX Runtime| = {worst:E2} over outputs spread {spread:F3}");
        Assert.True(spread > 0.05, $"outputs barely vary ({spread}): the comparison would prove little");
        Assert.True(worst < tolerance, $"max difference {worst:E3} over {tolerance:E0}");
    }

    private static string ProjectFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
