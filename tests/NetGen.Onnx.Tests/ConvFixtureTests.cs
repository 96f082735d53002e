using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Models exported by PyTorch 1.13 (Fixtures/make_conv_fixtures.py) compile into networks whose Forward
/// agrees with an implementation nobody here wrote: ONNX Runtime for the float models (1e-5), PyTorch's own
/// double outputs for the double models (1e-12, or 1e-10 where a BatchNormalization is folded into the
/// weights, which reorders the arithmetic), since ONNX Runtime has no double Conv kernel.
/// </summary>
public class ConvFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string, int[]> FloatFixtures() => new()
    {
        { "conv2d_bn_relu_maxpool", new[] { 1, 6, 6 } },
        { "conv1d_avgpool_gap", new[] { 2, 10 } },
        { "conv_same_stride_dilation", new[] { 1, 6, 6 } },
        { "pool_then_relu", new[] { 1, 8, 8 } },
    };

    public static TheoryData<string, double> DoubleFixtures() => new()
    {
        { "conv2d_bn_relu_maxpool_double", 1e-10 },
        { "conv1d_avgpool_gap_double", 1e-12 },
        { "conv_same_stride_dilation_double", 1e-12 },
        { "pool_then_relu_double", 1e-12 },
    };

    [Theory]
    [MemberData(nameof(FloatFixtures))]
    public void A_float_PyTorch_export_compiles_and_agrees_with_ONNX_Runtime(string fixture, int[] sampleShape)
    {
        var (worst, spread) = ConvAgreement.Measure(File.ReadAllBytes(Fixture(fixture + ".onnx")), "float", sampleShape);
        output.WriteLine($"{fixture} (float): max |Forward - ONNX Runtime| = {worst:E2} over outputs spread {spread:F3}");
        Assert.True(spread > 0.05, $"outputs barely vary ({spread}): the comparison would prove little");
        Assert.True(worst < ExportTests.SingleTolerance, $"max difference {worst:E3}");
    }

    [Theory]
    [MemberData(nameof(DoubleFixtures))]
    public void A_double_PyTorch_export_compiles_and_agrees_with_PyTorch(string fixture, double tolerance)
    {
        var (worst, spread) = ConvAgreement.MeasureAgainstPyTorch(File.ReadAllBytes(Fixture(fixture + ".onnx")), Fixture(fixture + ".expected.txt"));
        output.WriteLine($"{fixture} (double): max |Forward - PyTorch| = {worst:E2} over outputs spread {spread:F3}");
        Assert.True(spread > 0.05, $"outputs barely vary ({spread}): the comparison would prove little");
        Assert.True(worst < tolerance, $"max difference {worst:E3} over {tolerance:E0}");
    }

    [Fact]
    public void ONNX_Runtime_has_no_double_Conv_kernel_which_is_why_double_models_are_checked_against_PyTorch()
    {
        string? error = RuntimeOracle.LoadError(File.ReadAllBytes(Fixture("conv1d_avgpool_gap_double.onnx")));
        Assert.NotNull(error);
        Assert.Contains("Could not find an implementation for Conv", error);
    }

    internal static string Fixture(string name, [CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Fixtures", name);
}
