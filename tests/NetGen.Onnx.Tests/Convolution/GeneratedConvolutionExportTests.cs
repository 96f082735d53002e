using Xunit.Abstractions;

namespace NetGen.Onnx.Tests.Convolution;

/// <summary>
/// Generated convolutional networks (<see cref="GenValidMaxDouble"/> and the others in ConvolutionNetworks.cs):
/// their own Layers table drives the export, and ONNX Runtime agrees with their Forward (1e-12 double, 1e-5 float).
/// </summary>
public class GeneratedConvolutionExportTests(ITestOutputHelper output)
{
    [Fact] public void Valid_conv_max_pool_softmax_double() => ConvolutionAgreement.Check<GenValidMaxDouble, double>(output);
    [Fact] public void Valid_conv_max_pool_softmax_single() => ConvolutionAgreement.Check<GenValidMaxSingle, float>(output);
    [Fact] public void Same_padding_at_stride_2_average_pool_double() => ConvolutionAgreement.Check<GenSameAverageDouble, double>(output);
    [Fact] public void Same_padding_at_stride_2_average_pool_single() => ConvolutionAgreement.Check<GenSameAverageSingle, float>(output);
    [Fact] public void Explicit_pads_dilation_global_pool_double() => ConvolutionAgreement.Check<GenDilatedGlobalDouble, double>(output);
    [Fact] public void Explicit_pads_dilation_global_pool_single() => ConvolutionAgreement.Check<GenDilatedGlobalSingle, float>(output);
    [Fact] public void Signal_1D_two_convolutions_both_pools_double() => ConvolutionAgreement.Check<GenSignalDouble, double>(output);
    [Fact] public void Signal_1D_two_convolutions_both_pools_single() => ConvolutionAgreement.Check<GenSignalSingle, float>(output);
    [Fact] public void Signal_1D_shared_bias_double() => ConvolutionAgreement.Check<GenSharedSignalDouble, double>(output);
    [Fact] public void Signal_1D_shared_bias_single() => ConvolutionAgreement.Check<GenSharedSignalSingle, float>(output);
    [Fact] public void Uneven_windows_shared_bias_double() => ConvolutionAgreement.Check<GenUnevenSharedDouble, double>(output);
    [Fact] public void Uneven_windows_shared_bias_single() => ConvolutionAgreement.Check<GenUnevenSharedSingle, float>(output);
    [Fact] public void Dense_straight_after_a_convolution_double() => ConvolutionAgreement.Check<GenConvDenseDouble, double>(output);
    [Fact] public void Dense_straight_after_a_convolution_single() => ConvolutionAgreement.Check<GenConvDenseSingle, float>(output);

    [Fact]
    public void A_generated_network_exports_the_operators_of_its_declaration()
    {
        ExportedGraph graph = ExportedGraph.Read(OnnxExporter.ToBytes(new GenSignalSingle()));
        Assert.Equal(["Conv", "Tanh", "MaxPool", "Conv", "Relu", "AveragePool", "Flatten", "Gemm", "Softmax"], graph.OpTypes);
        Assert.Equal(["N", 3L, 12L], graph.InputDims);
        Assert.Equal([1L, 1L], graph.Nodes[0].Attributes["pads"]);
        Assert.Equal([2L], graph.Nodes[3].Attributes["dilations"]);
        Assert.Equal([3L, 3L, 3L], graph.InitializerDims["layer1.weight"]);
        Assert.Equal("3x12 - conv3x3(padding=1):tanh - maxpool2 - conv3x2(dilation=2):relu - avgpool2 - 2:softmax",
            NetworkLayout.Of<GenSignalSingle, float>().Topology);
    }
}
