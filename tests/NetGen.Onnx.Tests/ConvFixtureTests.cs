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
        foreach (string style in new[] { "Unrolled", "Loops" })
        {
            var (worst, spread) = ConvAgreement.Measure(File.ReadAllBytes(Fixture(fixture + ".onnx")), "float", sampleShape, style);
            output.WriteLine($"{fixture} (float, {style}): max |Forward - ONNX Runtime| = {worst:E2} over outputs spread {spread:F3}");
            Assert.True(spread > 0.05, $"outputs barely vary ({spread}): the comparison would prove little");
            Assert.True(worst < ExportTests.SingleTolerance, $"{style}: max difference {worst:E3}");
        }
    }

    [Theory]
    [MemberData(nameof(DoubleFixtures))]
    public void A_double_PyTorch_export_compiles_and_agrees_with_PyTorch(string fixture, double tolerance)
    {
        foreach (string style in new[] { "Unrolled", "Loops" })
        {
            var (worst, spread) = ConvAgreement.MeasureAgainstPyTorch(File.ReadAllBytes(Fixture(fixture + ".onnx")), Fixture(fixture + ".expected.txt"), style);
            output.WriteLine($"{fixture} (double, {style}): max |Forward - PyTorch| = {worst:E2} over outputs spread {spread:F3}");
            Assert.True(spread > 0.05, $"outputs barely vary ({spread}): the comparison would prove little");
            Assert.True(worst < tolerance, $"{style}: max difference {worst:E3} over {tolerance:E0}");
        }
    }

    [Fact]
    public void ONNX_Runtime_has_no_double_Conv_kernel_which_is_why_double_models_are_checked_against_PyTorch()
    {
        string? error = RuntimeOracle.LoadError(File.ReadAllBytes(Fixture("conv1d_avgpool_gap_double.onnx")));
        Assert.NotNull(error);
        Assert.Contains("Could not find an implementation for Conv", error);
    }

    [Fact]
    public void The_compiler_builds_a_conv_fixture_whose_Forward_agrees_and_allocates_nothing()
    {
        Assert.Equal(new[] { 36, 32, 8, 3 }, ConvFixtureImported.LayerSizes.ToArray());
        Assert.Equal(ConvFixtureImported.TrainedParameters.ToArray(), ConvFixtureDeclared.TrainedParameters.ToArray());
        float[] batch = Agreement.RandomBatch<float>(ConvFixtureImported.InputCount, seed: 43);
        double[] expected = ConvAgreement.Runtime(File.ReadAllBytes(Fixture("conv2d_bn_relu_maxpool.onnx")),
            batch.Select(v => (double)v).ToArray(), new[] { 1, 6, 6 }, "float");
        var net = new ConvFixtureImported();
        double worst = Agreement.MaxAbsDifference(expected.Select(v => (float)v).ToArray(), Agreement.ForwardAll(net, batch));
        output.WriteLine($"ConvFixtureImported: max |Forward - ONNX Runtime| = {worst:E2}");
        Assert.True(worst < ExportTests.SingleTolerance);

        float[] input = batch[..36], result = new float[3];
        for (int n = 0; n < 1000; n++)
        {
            net.Forward(input, result); // warm up: tiered compilation
        }
        // The least over up to five rounds of 20,000 calls: under a loaded test run the tiered JIT can charge a
        // one-off few bytes to this thread late (a tier transition), while an allocation per call recurs in every round.
        long least = long.MaxValue;
        for (int round = 0; round < 5 && least > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int n = 0; n < 20_000; n++)
            {
                net.Forward(input, result);
            }
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }

    [Fact]
    public void A_declared_topology_that_disagrees_with_a_conv_model_is_NG0204_naming_the_models_topology()
    {
        using var harness = new ImportHarness();
        harness.AddModel("conv.onnx", File.ReadAllBytes(Fixture("conv2d_bn_relu_maxpool.onnx")));
        string Declaration(string topology) =>
            $"using NetGen;\n[Network(\"{topology}\", Activation.ReLU, Output = Activation.Identity, OnnxModel = \"conv.onnx\")]\npublic partial class Scorer {{ }}\n";
        Assert.Empty(harness.Diagnostics(Declaration("1x6x6-conv3x3x2:relu-maxpool2-3"), "NG0204"));
        Assert.Empty(harness.Diagnostics(Declaration("1x6x6 - conv3x2 - maxpool2(stride=2) - flatten - 3"), "NG0204"));
        var disagreement = Assert.Single(harness.Diagnostics(Declaration("1x6x6-conv3x4:relu-maxpool2-3"), "NG0204"));
        Assert.Contains("\"1x6x6-conv3x3x2:relu-maxpool2-3:identity\"", disagreement.GetMessage());
        Assert.Single(harness.Diagnostics(Declaration("1x6x6-conv3x2(padding=1):relu-maxpool2-3"), "NG0204"));
    }

    internal static string Fixture(string name, [CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Fixtures", name);
}
