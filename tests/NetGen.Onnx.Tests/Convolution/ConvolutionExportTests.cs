using System.Numerics;
using NetGen.Tests.Convolution;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests.Convolution;

/// <summary>
/// Convolutional networks exported to ONNX: the graph has the operators and attributes of each layer, and ONNX
/// Runtime computes what a plain interpreter of the same layer table computes (1e-12 double, 1e-5 float).
/// </summary>
public class ConvolutionExportTests(ITestOutputHelper output)
{
    private const double DoubleTolerance = ConvolutionAgreement.DoubleTolerance;

    [Fact] public void Valid_conv_max_pool_softmax_double() => Agrees<ReferenceNetwork<ValidMaxSoftmax, double>, double>();
    [Fact] public void Valid_conv_max_pool_softmax_single() => Agrees<ReferenceNetwork<ValidMaxSoftmax, float>, float>();
    [Fact] public void Same_padding_at_stride_2_average_pool_double() => Agrees<ReferenceNetwork<SameStridedAverage, double>, double>();
    [Fact] public void Same_padding_at_stride_2_average_pool_single() => Agrees<ReferenceNetwork<SameStridedAverage, float>, float>();
    [Fact] public void Explicit_pads_dilation_global_pool_double() => Agrees<ReferenceNetwork<DilatedGlobal, double>, double>();
    [Fact] public void Explicit_pads_dilation_global_pool_single() => Agrees<ReferenceNetwork<DilatedGlobal, float>, float>();
    [Fact] public void Signal_1D_two_convolutions_both_pools_double() => Agrees<ReferenceNetwork<Signal1D, double>, double>();
    [Fact] public void Signal_1D_two_convolutions_both_pools_single() => Agrees<ReferenceNetwork<Signal1D, float>, float>();
    [Fact] public void Signal_1D_shared_bias_double() => Agrees<ReferenceNetwork<SharedSignal1D, double>, double>();
    [Fact] public void Signal_1D_shared_bias_single() => Agrees<ReferenceNetwork<SharedSignal1D, float>, float>();
    [Fact] public void Uneven_windows_shared_bias_double() => Agrees<ReferenceNetwork<UnevenShared2D, double>, double>();
    [Fact] public void Uneven_windows_shared_bias_single() => Agrees<ReferenceNetwork<UnevenShared2D, float>, float>();
    [Fact] public void Dense_straight_after_a_convolution_double() => Agrees<ReferenceNetwork<ConvThenDense, double>, double>();
    [Fact] public void Dense_straight_after_a_convolution_single() => Agrees<ReferenceNetwork<ConvThenDense, float>, float>();

    [Fact]
    public void Each_layer_is_its_operator_and_a_Flatten_precedes_only_the_first_dense_layer()
    {
        ExportedGraph graph = ExportedGraph.Read(OnnxExporter.ToBytes(new ReferenceNetwork<ValidMaxSoftmax, float>()));
        Assert.Equal(["Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Softmax"], graph.OpTypes);
        Assert.Equal(["N", 1L, 8L, 8L], graph.InputDims);
        Assert.Equal([1L], graph.Single("Flatten").Attributes["axis"]);
        Assert.Equal([2L, 2L], graph.Single("MaxPool").Attributes["kernel_shape"]);
        Assert.Equal([2L, 2L], graph.Single("MaxPool").Attributes["strides"]);
        Assert.Equal([4L, 1L, 3L, 3L], graph.InitializerDims["layer1.weight"]);
        Assert.Equal([4L], graph.InitializerDims["layer1.bias"]);
        Assert.Equal([3L, 36L], graph.InitializerDims["layer3.weight"]); // 4 x 3 x 3 values after the pool

        ExportedGraph signal = ExportedGraph.Read(OnnxExporter.ToBytes(new ReferenceNetwork<Signal1D, float>()));
        Assert.Equal(["Conv", "Tanh", "MaxPool", "Conv", "Relu", "AveragePool", "Flatten", "Gemm", "Sigmoid", "Gemm", "Softmax"], signal.OpTypes);
        Assert.Equal(["N", 3L, 20L], signal.InputDims);
    }

    [Fact]
    public void Conv_carries_kernel_strides_dilations_and_ONNX_ordered_pads()
    {
        ExportedGraph same = ExportedGraph.Read(OnnxExporter.ToBytes(new ReferenceNetwork<SameStridedAverage, float>()));
        ExportedGraph.Node conv = same.Single("Conv");
        Assert.Equal(["input", "layer1.weight", "layer1.bias"], conv.Inputs);
        Assert.Equal([3L, 3L], conv.Attributes["kernel_shape"]);
        Assert.Equal([2L, 2L], conv.Attributes["strides"]);
        Assert.Equal([1L, 1L], conv.Attributes["dilations"]);
        Assert.Equal([0L, 0L, 1L, 1L], conv.Attributes["pads"]); // same at stride 2 on 8: the one zero goes at the end
        Assert.Equal([1L, 1L], same.Single("AveragePool").Attributes["strides"]);

        ExportedGraph dilated = ExportedGraph.Read(OnnxExporter.ToBytes(new ReferenceNetwork<DilatedGlobal, float>()));
        Assert.Equal([2L, 2L], dilated.Single("Conv").Attributes["dilations"]);
        Assert.Equal([2L, 2L, 2L, 2L], dilated.Single("Conv").Attributes["pads"]);
        Assert.Equal(["Conv", "LeakyRelu", "GlobalAveragePool", "Flatten", "Gemm"], dilated.OpTypes);
    }

    [Fact]
    public void Double_models_gather_windows_for_the_operators_ONNX_Runtime_has_no_double_kernel_for()
    {
        // ONNX Runtime's CPU provider runs Conv, AveragePool and GlobalAveragePool in float only; MaxPool also in double.
        ExportedGraph graph = ExportedGraph.Read(OnnxExporter.ToBytes(new ReferenceNetwork<SameStridedAverage, double>()));
        Assert.Equal(["Flatten", "Pad", "Gather", "MatMul", "Add", "Reshape", "Sigmoid", "Flatten", "Gather", "ReduceMean", "Reshape", "Flatten", "Gemm", "Tanh"], graph.OpTypes);
        Assert.Equal([3L, 18L], graph.InitializerDims["layer1.weight"]); // [filters, channels x taps]: the parameter block as stored
        Assert.Equal([18L, 16L], graph.InitializerDims["layer1.windows"]); // each tap's input at each of the 4 x 4 positions
        Assert.Equal([3L, 9L, 4L], graph.InitializerDims["layer2.windows"]); // 3 channels, 3 x 3 positions, 2 x 2 windows

        ExportedGraph pooled = ExportedGraph.Read(OnnxExporter.ToBytes(new ReferenceNetwork<Signal1D, double>()));
        Assert.Contains("MaxPool", pooled.OpTypes);
        Assert.DoesNotContain("Pad", pooled.OpTypes[3..]); // the second convolution has no padding: no zero to read
        Assert.Equal([1L], ExportedGraph.Read(OnnxExporter.ToBytes(new ReferenceNetwork<DilatedGlobal, double>())).Single("ReduceMean").Attributes["keepdims"]);
    }

    [Fact]
    public void A_shared_bias_is_written_once_per_filter()
    {
        var network = new ReferenceNetwork<UnevenShared2D, float>();
        Agreement.Randomize(network.Parameters, seed: 3);
        ExportedGraph graph = ExportedGraph.Read(OnnxExporter.ToBytes(network));
        Assert.Equal([3L, 1L, 2L, 3L], graph.InitializerDims["layer1.weight"]);
        Assert.Equal([3L], graph.InitializerDims["layer1.bias"]);
        Assert.Equal([1L], graph.InitializerDims["layer3.bias"]); // Gemm broadcasts a single bias itself
    }

    [Fact]
    public void Softmax_over_a_feature_map_is_refused_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ToBytes(new ReferenceNetwork<SoftmaxFeatureMap, double>()));
        Assert.Contains("layer1", error.Message);
        Assert.Contains("Convolution", error.Message);
        Assert.Contains("softmax", error.Message);
    }

    [Fact]
    public void A_scaler_is_shaped_like_one_sample_and_applied_before_the_first_convolution()
    {
        var network = new ReferenceNetwork<SameStridedAverage, double>();
        Agreement.Randomize(network.Parameters, seed: 8);
        int inputs = ReferenceNetwork<SameStridedAverage, double>.InputCount;
        // Each feature its own offset and scale, so that a scaler broadcast along the wrong axis would show.
        double[] offsets = Enumerable.Range(0, inputs).Select(i => 40.0 + i).ToArray();
        double[] scales = Enumerable.Range(0, inputs).Select(i => 5.0 + i % 7).ToArray();
        FeatureScaler scaler = FeatureScaler.Create(ScalingMethod.Standardize, offsets, scales);
        double[] raw = Agreement.RandomBatch<double>(inputs, seed: 9).Select((v, i) => offsets[i % inputs] + scales[i % inputs] * v).ToArray();

        byte[] model = OnnxExporter.ToBytes(network, scaler);
        ExportedGraph graph = ExportedGraph.Read(model);
        Assert.Equal([2L, 8L, 8L], graph.InitializerDims["scaler.offset"]);
        Assert.Equal(["Sub", "Div"], graph.OpTypes[..2]);

        double[] scaled = new double[raw.Length];
        for (int r = 0; r < raw.Length / inputs; r++)
        {
            scaler.Transform<double>(raw.AsSpan(r * inputs, inputs), scaled.AsSpan(r * inputs, inputs));
        }
        using var runtime = new OnnxRuntimeRunner(model);
        double difference = Agreement.MaxAbsDifference(Agreement.ForwardAll(network, scaled), runtime.Run(raw, [2, 8, 8]));
        output.WriteLine($"scaled: max |Forward(scaled) - ONNX Runtime(raw)| = {difference:E2}");
        Assert.True(difference < DoubleTolerance, $"max difference {difference:E3}");
    }

    private void Agrees<TNetwork, T>()
        where TNetwork : INetwork<TNetwork, T>, new()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ConvolutionAgreement.Check<TNetwork, T>(output);
}
