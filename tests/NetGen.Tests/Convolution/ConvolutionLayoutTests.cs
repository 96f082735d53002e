using System.Buffers.Binary;
using System.IO;
using System.Text;
using NetGen;
using NetGen.Tests.Training;

namespace NetGen.Tests.Convolution;

/// <summary>
/// The layout the runtime reads from a network's Layers: its text, its fingerprint, and the save files and
/// initialiser built on it, for convolutional networks and (unchanged) for dense ones.
/// </summary>
public class ConvolutionLayoutTests
{
    [Fact]
    public void A_2D_network_is_described_in_the_topology_grammar()
    {
        Assert.Equal("1x6x6 - conv3x4(padding=1):relu - maxpool2 - 3:softmax, per-neuron biases, double",
            NetworkLayout.Of<ReferenceNetwork<Image2D, double>, double>().Description);
        Assert.Equal("2x8x8 - conv3x3(stride=2, padding=same):sigmoid - 4:tanh", NetworkLayout.Of<ReferenceNetwork<SameStrided, double>, double>().Topology);
        Assert.Equal([0, 0, 1, 1], ReferenceNetwork<SameStrided, double>.Layers[0].Pads.ToArray());
    }

    [Fact]
    public void A_1D_network_shows_only_the_options_that_differ_from_the_defaults()
    {
        Assert.Equal("3x16 - conv5x4(stride=2, padding=[2,1], dilation=2):tanh - avgpool3(stride=2) - gap - 2:sigmoid, shared biases, float",
            NetworkLayout.Of<ReferenceNetwork<Signal1D, float>, float>().Description);
    }

    [Fact]
    public void A_dense_network_keeps_its_text_and_the_fingerprint_its_files_already_hold()
    {
        var net = new SigmoidNet();
        NetworkLayout layout = NetworkLayout.Of<SigmoidNet, double>();
        Assert.Equal("3-4:sigmoid-2:sigmoid", layout.Topology);

        // The fingerprint as version 1 defined it before layers had kinds: precision, sizes, activations, names.
        ulong hash = 0xCBF29CE484222325UL;
        void Add(int value)
        {
            for (int b = 0; b < 4; b++)
            {
                hash = (hash ^ (byte)(value >> (8 * b))) * 0x100000001B3UL;
            }
        }
        Add(8);
        Add(2);
        foreach (int size in new[] { 3, 4, 2 })
        {
            Add(size);
            if (size != 3)
            {
                Add((int)Activation.Sigmoid);
            }
        }
        foreach (string name in SigmoidNet.ParameterNames)
        {
            foreach (byte b in Encoding.UTF8.GetBytes(name))
            {
                hash = (hash ^ b) * 0x100000001B3UL;
            }
            hash *= 0x100000001B3UL;
        }
        using var stream = new MemoryStream();
        net.WriteParameters(stream);
        byte[] file = stream.ToArray();
        // Header: magic 8, version 2, length 4, scalar 1, bias 1, L 4, sizes 12, activations 2, count 4, then the fingerprint.
        Assert.Equal(hash, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(8 + 2 + 4 + 1 + 1 + 4 + 12 + 2 + 4)));
        Assert.Equal(hash, layout.Fingerprint);
    }

    [Fact]
    public void Convolutional_parameters_round_trip_through_both_formats()
    {
        var net = new ReferenceNetwork<Signal1D, float>();
        ParameterInitializer.Initialize(net, 5);
        net.Parameters[^1] = 0.25f; // a bias, so that biases too are compared with something other than zero

        using var stream = new MemoryStream();
        net.WriteParameters(stream);
        var binary = new ReferenceNetwork<Signal1D, float>();
        binary.ReadParameters(new MemoryStream(stream.ToArray()));
        Assert.Equal(net.Parameters.ToArray(), binary.Parameters.ToArray());

        string json = net.ToParameterJson();
        Assert.Contains("\"topology\": \"3x16 - conv5x4(stride=2, padding=[2,1], dilation=2):tanh - avgpool3(stride=2) - gap - 2:sigmoid\"", json);
        var fromJson = new ReferenceNetwork<Signal1D, float>();
        fromJson.LoadParameterJson(json);
        Assert.Equal(net.Parameters.ToArray(), fromJson.Parameters.ToArray());
    }

    [Fact]
    public void A_convolution_with_the_same_sizes_count_and_names_but_another_stride_refuses_the_file()
    {
        Assert.Equal(NetworkLayout.Of<ReferenceNetwork<Valid3x3, double>, double>().SizesDescription,
            NetworkLayout.Of<ReferenceNetwork<Strided3x3, double>, double>().SizesDescription);
        Assert.Equal(ReferenceNetwork<Valid3x3, double>.ParameterNames.ToArray(), ReferenceNetwork<Strided3x3, double>.ParameterNames.ToArray());

        var saved = new ReferenceNetwork<Valid3x3, double>();
        ParameterInitializer.Initialize(saved, 1);
        using var stream = new MemoryStream();
        saved.WriteParameters(stream);
        var other = new ReferenceNetwork<Strided3x3, double>();
        var binary = Assert.Throws<ParameterFileException>(() => other.ReadParameters(new MemoryStream(stream.ToArray())));
        Assert.Equal(ParameterFileError.DifferentNetwork, binary.Error);
        Assert.Contains("1x4x4 - conv3x2(stride=2, padding=1):relu - 2:identity", binary.Message);
        Assert.Contains("kinds, shapes, kernels, strides or pads", binary.Message);
        Assert.All(other.Parameters.ToArray(), p => Assert.Equal(0.0, p));

        var json = Assert.Throws<ParameterFileException>(() => other.LoadParameterJson(saved.ToParameterJson()));
        Assert.Equal(ParameterFileError.DifferentNetwork, json.Error);
        Assert.Contains("1x4x4 - conv3x2:relu - 2:identity", json.Message);
    }

    [Fact]
    public void A_dense_file_of_the_same_parameter_count_does_not_load_into_a_convolutional_network_nor_the_reverse()
    {
        Assert.Equal(ReferenceNetwork<Dense38, double>.ParameterCount, ReferenceNetwork<Valid3x3, double>.ParameterCount);
        var dense = new ReferenceNetwork<Dense38, double>();
        var conv = new ReferenceNetwork<Valid3x3, double>();
        ParameterInitializer.Initialize(dense, 2);
        ParameterInitializer.Initialize(conv, 3);

        using var denseFile = new MemoryStream();
        dense.WriteParameters(denseFile);
        var intoConv = Assert.Throws<ParameterFileException>(() => new ReferenceNetwork<Valid3x3, double>().ReadParameters(new MemoryStream(denseFile.ToArray())));
        Assert.Equal(ParameterFileError.DifferentNetwork, intoConv.Error);
        Assert.Contains("18-2:relu", intoConv.Message);

        using var convFile = new MemoryStream();
        conv.WriteParameters(convFile);
        var intoDense = Assert.Throws<ParameterFileException>(() => new ReferenceNetwork<Dense38, double>().ReadParameters(new MemoryStream(convFile.ToArray())));
        Assert.Equal(ParameterFileError.DifferentNetwork, intoDense.Error);
        Assert.Throws<ParameterFileException>(() => new ReferenceNetwork<Dense38, double>().LoadParameterJson(conv.ToParameterJson()));
    }

    [Fact]
    public void Convolution_weights_are_drawn_with_PyTorch_fans_of_channels_and_filters_times_kernel_taps()
    {
        var net = new ReferenceNetwork<Wide2D, double>();
        net.Parameters.Fill(0.5);
        ParameterInitializer.Initialize(net, 11);
        LayerInfo[] layers = ReferenceNetwork<Wide2D, double>.Layers.ToArray();
        // conv 4 -> 32, 3x3, ReLU: He, fan_in 4 x 9 = 36. conv 32 -> 16, 3x3, tanh: Glorot, fan_in 32 x 9, fan_out 16 x 9.
        (LayerInfo Layer, double Limit)[] expected =
        {
            (layers[0], Math.Sqrt(6.0 / 36)),
            (layers[1], Math.Sqrt(6.0 / (288 + 144))),
        };
        foreach (var (layer, limit) in expected)
        {
            double[] weights = net.Parameters.Slice(layer.ParameterOffset, layer.WeightCount).ToArray();
            Assert.All(weights, w => Assert.InRange(Math.Abs(w), 0, limit));
            // Var U(-a, a) = a^2 / 3. The mean of w^2 over n draws has relative sd sqrt(0.8 / n): 2.6% at n = 1,152,
            // so 15% is over five of them, while the fan of a dense layer over the flattened input (256 or 1,152
            // inputs) would be off by a factor of 3 or more.
            double ratio = weights.Select(w => w * w).Average() / (limit * limit / 3);
            Assert.InRange(ratio, 0.85, 1.15);
            Assert.All(net.Parameters.Slice(layer.ParameterOffset + layer.WeightCount, layer.BiasCount).ToArray(), b => Assert.Equal(0.0, b));
        }
    }

    [Fact]
    public void Pooling_layers_draw_nothing_and_leave_later_layers_as_a_network_without_them_would()
    {
        var net = new ReferenceNetwork<Image2D, double>();
        ParameterInitializer.Initialize(net, 4);
        LayerInfo dense = ReferenceNetwork<Image2D, double>.Layers[2];
        // softmax: Glorot over the 4 x 3 x 3 = 36 values the pool passes on and 3 units.
        double limit = Math.Sqrt(6.0 / (36 + 3));
        double[] weights = net.Parameters.Slice(dense.ParameterOffset, dense.WeightCount).ToArray();
        Assert.All(weights, w => Assert.InRange(Math.Abs(w), 0, limit));
        Assert.True(weights.Max(Math.Abs) > 0.8 * limit);
    }

    [Fact]
    public void The_figure_refuses_a_convolutional_network_by_name_and_points_to_Explain()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            NetworkFigure.Write<ReferenceNetwork<Image2D, double>, double>(new ExplanationRecorder<double>(), new StringWriter()));
        Assert.Contains("layer 1", error.Message);
        Assert.Contains("Convolution", error.Message);
        Assert.Contains("Explain", error.Message);
    }
}
