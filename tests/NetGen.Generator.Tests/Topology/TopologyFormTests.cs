using NetGen.Generator.Model;
using ActivationKind = NetGen.Generator.Model.Activation;

namespace NetGen.Generator.Tests.Topology;

/// <summary>Every valid form of the topology grammar (docs/topology.md) becomes the layers it says, with shapes from SpatialShapes.</summary>
public class TopologyFormTests
{
    [Fact]
    public void A_2D_convolution_with_one_kernel_number_is_square_and_takes_the_hidden_activation()
    {
        var net = TopologyGrammar.Valid("1x8x8 - conv3x8 - 10:softmax");
        Assert.Equal(64, net.InputCount);
        Assert.Equal(new[] { 1, 8, 8 }, net.InputShape.AsSpan().ToArray());
        LayerSpec conv = net.Layers[0];
        Assert.Equal(Model.LayerKind.Convolution, conv.Kind);
        Assert.Equal(new[] { 8, 6, 6 }, conv.OutputShape.AsSpan().ToArray());
        Assert.Equal(8 * 6 * 6, conv.Width);
        Assert.Equal(new[] { 3, 3 }, conv.Kernel.AsSpan().ToArray());
        Assert.Equal(new[] { 1, 1 }, conv.Stride.AsSpan().ToArray());
        Assert.Equal(new[] { 1, 1 }, conv.Dilation.AsSpan().ToArray());
        Assert.Equal(new[] { 0, 0, 0, 0 }, conv.Pads.AsSpan().ToArray());
        Assert.Equal(ActivationKind.Tanh, conv.Activation);
        Assert.Equal(new LayerSpec(10, ActivationKind.Softmax), net.Layers[1]);
    }

    [Fact]
    public void A_1D_convolution_reads_channels_by_length()
    {
        var net = TopologyGrammar.Valid("3x64-conv5x16:relu-2");
        Assert.Equal(192, net.InputCount);
        Assert.Equal(new[] { 3, 64 }, net.InputShape.AsSpan().ToArray());
        Assert.Equal(new[] { 16, 60 }, net.Layers[0].OutputShape.AsSpan().ToArray());
        Assert.Equal(new[] { 5 }, net.Layers[0].Kernel.AsSpan().ToArray());
        Assert.Equal(ActivationKind.ReLU, net.Layers[0].Activation);
        Assert.Equal(new LayerSpec(2, ActivationKind.Sigmoid), net.Layers[1]);
    }

    [Theory]
    [InlineData("1x8x8-conv3x3x8-2", 3, 3, 6, 6)]
    [InlineData("1x8x8-conv1x3x4-2", 1, 3, 8, 6)]
    [InlineData("1x8x8 - CONV 3 x 3 x 8 - 2", 3, 3, 6, 6)]
    public void A_kernel_may_be_written_per_dimension(string topology, int kh, int kw, int oh, int ow)
    {
        LayerSpec conv = TopologyGrammar.Valid(topology).Layers[0];
        Assert.Equal(new[] { kh, kw }, conv.Kernel.AsSpan().ToArray());
        Assert.Equal(oh, conv.OutputShape[1]);
        Assert.Equal(ow, conv.OutputShape[2]);
    }

    [Fact]
    public void Convolution_options_stride_padding_and_dilation_resolve_through_the_shape_arithmetic()
    {
        // 7x7 input, kernel 3, stride 2, padding 1: floor((7 + 2 - 2 - 1) / 2) + 1 = 4.
        LayerSpec padded = TopologyGrammar.Valid("2x7x7-conv3x4(stride=2, padding=1)-1").Layers[0];
        Assert.Equal(new[] { 4, 4, 4 }, padded.OutputShape.AsSpan().ToArray());
        Assert.Equal(new[] { 1, 1, 1, 1 }, padded.Pads.AsSpan().ToArray());
        Assert.Equal(new[] { 2, 2 }, padded.Stride.AsSpan().ToArray());

        // same, stride 2 on 7: ceil(7/2) = 4 outputs; total pad (4-1)*2 + 3 - 7 = 2, split 1 + 1.
        LayerSpec same = TopologyGrammar.Valid("1x7x7-conv3x2(padding=same,stride=2)-1").Layers[0];
        Assert.True(same.SamePadding);
        Assert.Equal(new[] { 2, 4, 4 }, same.OutputShape.AsSpan().ToArray());

        // same with an even kernel puts the odd zero at the end (SAME_UPPER): kernel 4 on 8 pads 1 before, 2 after.
        LayerSpec upper = TopologyGrammar.Valid("1x8-conv4x1(padding=same)-1").Layers[0];
        Assert.Equal(new[] { 1, 2 }, upper.Pads.AsSpan().ToArray());
        Assert.Equal(new[] { 1, 8 }, upper.OutputShape.AsSpan().ToArray());

        // dilation 2 spreads a 3-tap kernel over 5 positions: 9 - 5 + 1 = 5; per-dimension stride 1x2: (9 - 3)/2 + 1 = 4.
        LayerSpec dilated = TopologyGrammar.Valid("1x9x9-conv3x1(dilation=2x1, stride=1x2)-1").Layers[0];
        Assert.Equal(new[] { 1, 5, 4 }, dilated.OutputShape.AsSpan().ToArray());
        Assert.Equal(new[] { 2, 1 }, dilated.Dilation.AsSpan().ToArray());

        LayerSpec valid = TopologyGrammar.Valid("1x5x5-conv3x1( Padding = VALID )-1").Layers[0];
        Assert.False(valid.SamePadding);
        Assert.Equal(new[] { 1, 3, 3 }, valid.OutputShape.AsSpan().ToArray());
    }

    [Fact]
    public void Pooling_strides_by_its_window_unless_told_and_floors()
    {
        var net = TopologyGrammar.Valid("1x9x9 - maxpool2 - avgpool3(stride=1) - 2");
        LayerSpec max = net.Layers[0], avg = net.Layers[1];
        Assert.Equal(Model.LayerKind.MaxPool, max.Kind);
        Assert.Equal(new[] { 1, 4, 4 }, max.OutputShape.AsSpan().ToArray()); // floor((9 - 2) / 2) + 1
        Assert.Equal(new[] { 2, 2 }, max.Stride.AsSpan().ToArray());
        Assert.Equal(Model.LayerKind.AveragePool, avg.Kind);
        Assert.Equal(new[] { 1, 2, 2 }, avg.OutputShape.AsSpan().ToArray());
        Assert.Equal(new[] { 1, 1 }, avg.Stride.AsSpan().ToArray());
        Assert.Equal(ActivationKind.Identity, max.Activation);

        LayerSpec rect = TopologyGrammar.Valid("1x8x6-MaxPool2x3(stride=2x3)-1").Layers[0];
        Assert.Equal(new[] { 1, 4, 2 }, rect.OutputShape.AsSpan().ToArray());
    }

    [Theory]
    [InlineData("2x6x6-conv3x4-gap-3")]
    [InlineData("2x6x6-conv3x4-globalavgpool-3")]
    [InlineData("2x6x6-conv3x4 - GAP - 3")]
    public void Global_average_pooling_leaves_one_value_per_channel(string topology)
    {
        var net = TopologyGrammar.Valid(topology);
        LayerSpec gap = net.Layers[1];
        Assert.Equal(Model.LayerKind.GlobalAveragePool, gap.Kind);
        Assert.Equal(4, gap.Width);
        Assert.Equal(new[] { 4, 1, 1 }, gap.OutputShape.AsSpan().ToArray());
        Assert.Equal(new LayerSpec(3, ActivationKind.Sigmoid), net.Layers[2]);
    }

    [Fact]
    public void Flatten_is_a_marker_that_makes_no_layer_and_a_dense_layer_keeps_its_own_width()
    {
        var with = TopologyGrammar.Valid("1x8x8-conv3x8-maxpool2-flatten-32-10:softmax");
        var without = TopologyGrammar.Valid("1x8x8-conv3x8-maxpool2-32-10:softmax");
        Assert.Equal(without.Layers, with.Layers);
        Assert.Equal(4, with.Layers.Count);
        Assert.Equal(8 * 3 * 3, with.Layers[1].Width);
        Assert.Equal(new LayerSpec(32, ActivationKind.Tanh), with.Layers[2]);
        Assert.Equal(new[] { "conv3x8", "maxpool2", "32", "10:softmax" },
            with.LayerTokens.Select(t => "1x8x8-conv3x8-maxpool2-flatten-32-10:softmax".Substring(t.Start, t.Length)));
    }

    [Fact]
    public void A_flat_input_sets_no_input_shape()
    {
        var net = TopologyGrammar.Valid("4-8-3");
        Assert.Equal(4, net.InputCount);
        Assert.Equal(0, net.InputShape.Count);
        var shaped = TopologyGrammar.Valid("1x4-3");
        Assert.Equal(4, shaped.InputCount);
        Assert.Equal(new[] { 1, 4 }, shaped.InputShape.AsSpan().ToArray());
        Assert.Equal(new LayerSpec(3, ActivationKind.Sigmoid), shaped.Layers[0]);
    }
}
