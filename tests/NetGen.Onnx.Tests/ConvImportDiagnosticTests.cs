using Microsoft.CodeAnalysis;
using static NetGen.Onnx.Tests.ConvModels;

namespace NetGen.Onnx.Tests;

/// <summary>
/// What NetGen cannot compile in a convolutional model is refused with the attribute, value or node at
/// fault: NG0202 for what ONNX defines but NetGen does not compile, NG0203 for what ONNX Runtime refuses.
/// Each base model without its fault imports (checked by <see cref="The_base_model_imports"/>).
/// </summary>
public class ConvImportDiagnosticTests
{
    private static readonly ProtoWriter[] None = Array.Empty<ProtoWriter>();

    private static ImporterProbe.Outcome Import(byte[] model) => ImporterProbe.Import(model);

    private static string Refused(byte[] model, string kind = "UnsupportedStructure")
    {
        var outcome = Import(model);
        Assert.True(outcome.ErrorKind == kind, outcome.ToString());
        return outcome.Detail;
    }

    private static Action<ModelBuilder> MaxPool(params ProtoWriter[] attributes) =>
        b => b.Node("MaxPool", new[] { "c" }, "t", new[] { ModelBuilder.Ints("kernel_shape", 2, 2) }.Concat(attributes).ToArray());

    [Fact]
    public void The_base_model_imports()
    {
        var outcome = Import(Model(MaxPool(ModelBuilder.Ints("strides", 1, 1)), 2 * 2 * 2));
        Assert.True(outcome.Network is not null, outcome.ToString());
        Assert.Equal(25, outcome.Network!.InputCount);
        Assert.Equal(new[] { 18, 8, 2 }, outcome.Network.Layers.Select(l => l.Width));
    }

    [Fact]
    public void A_grouped_convolution_is_NG0202_naming_group()
    {
        byte[] model = Model(b => b.Node("Identity", new[] { "c" }, "t"), 2 * 3 * 3, channels: 1,
            inputDims: new object[] { "N", 2, 5, 5 }, convAttributes: OnnxMessages.IntAttribute("group", 2));
        // ONNX Runtime runs it: a depthwise convolution, one input channel per filter.
        Assert.Null(RuntimeOracle.LoadError(model));
        Assert.Contains("has group = 2 (a grouped or depthwise convolution); NetGen compiles convolutions with group = 1", Refused(model));

        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", model);
        string source = "using NetGen;\n[Network(OnnxModel = \"model.onnx\")]\npublic partial class Scorer { }\n";
        Diagnostic d = Assert.Single(harness.Diagnostics(source, "NG0202"));
        Assert.Contains("group = 2", d.GetMessage());
    }

    [Fact]
    public void Ceil_mode_pads_dilations_storage_order_and_Indices_on_MaxPool_are_refused_by_name()
    {
        Assert.Contains("ceil_mode = 1; NetGen pools in floor mode", Refused(Model(MaxPool(OnnxMessages.IntAttribute("ceil_mode", 1)), 8)));
        Assert.Contains("has pads [1, 1, 1, 1]; NetGen pools without padding", Refused(Model(MaxPool(ModelBuilder.Ints("pads", 1, 1, 1, 1)), 8)));
        Assert.Contains("has dilations [2, 2]; NetGen pools adjacent positions", Refused(Model(MaxPool(ModelBuilder.Ints("dilations", 2, 2)), 8)));
        Assert.Contains("storage_order = 1", Refused(Model(MaxPool(OnnxMessages.IntAttribute("storage_order", 1)), 8)));
        Assert.Contains("a second output, Indices ('idx')", Refused(Model(
            b => b.Node("MaxPool", new[] { "c" }, new[] { "t", "idx" }, ModelBuilder.Ints("kernel_shape", 2, 2)), 2)));
    }

    [Fact]
    public void Pooling_whose_auto_pad_pads_is_refused_and_one_that_pads_nothing_imports()
    {
        // 3x3 after the conv; a 2x2 window with stride 2 under SAME_UPPER pads one row and column.
        Assert.Contains("auto_pad = SAME_UPPER, which pads this input", Refused(Model(
            MaxPool(ModelBuilder.Ints("strides", 2, 2), ModelBuilder.Text("auto_pad", "SAME_UPPER")), 8)));
        Assert.NotNull(Import(Model(b => b.Node("AveragePool", new[] { "c" }, "t", ModelBuilder.Ints("kernel_shape", 3, 3),
            ModelBuilder.Text("auto_pad", "VALID"), OnnxMessages.IntAttribute("count_include_pad", 1)), 2)).Network);
    }

    [Fact]
    public void SAME_LOWER_is_refused_where_it_pads_the_start_more()
    {
        // A 2x2 kernel at stride 1 pads 1 in all per dimension: SAME_LOWER puts it at the start.
        string detail = Refused(Model(b => b.Node("Identity", new[] { "c" }, "t"), 50, kernel: new long[] { 2, 2 },
            convAttributes: ModelBuilder.Text("auto_pad", "SAME_LOWER")));
        Assert.Contains("auto_pad = SAME_LOWER, which here pads dimension 1 by 1 at the start and 0 at the end", detail);
    }

    [Fact]
    public void A_Reshape_NetGen_cannot_read_statically_is_refused_with_the_reason()
    {
        // To [N, 2, -1]: not a flatten.
        string detail = Refused(Head(Conv().Int64Tensor("shape", new long[] { 3 }, 0, 2, -1)
            .Node("Reshape", new[] { "c", "shape" }, "flat"), "flat", 18));
        Assert.Contains("reshapes [N, 2, 3, 3] to [0, 2, -1]; NetGen reads Reshape only as a flatten of each sample", detail);

        // The shape of another tensor (the input), not of the one reshaped.
        detail = Refused(Head(Conv()
            .Node("Shape", new[] { "input" }, "s")
            .Node("Reshape", new[] { "c", "s" }, "flat"), "flat", 18));
        Assert.Contains("needs constant sizes, but", detail);

        // A float shape.
        detail = Refused(Head(Conv().Tensor("fshape", new long[] { 2 }, 1, 18)
            .Node("Reshape", new[] { "c", "fshape" }, "flat"), "flat", 18));
        Assert.Contains("holds float, where ONNX's Reshape reads int64", detail);
    }

    [Fact]
    public void BatchNormalization_that_cannot_be_folded_is_refused()
    {
        Action<ModelBuilder> Bn(string from, params ProtoWriter[] attributes) => b => b
            .Tensor("s", new long[] { 2 }, 1, 2).Tensor("bb", new long[] { 2 }, 0, 1).Tensor("m", new long[] { 2 }, 0, 0).Tensor("v", new long[] { 2 }, 1, 1)
            .Node("BatchNormalization", new[] { from, "s", "bb", "m", "v" }, "t", attributes);
        Assert.NotNull(Import(Model(Bn("c"), 18)).Network);
        Assert.Contains("training_mode = 1", Refused(Model(Bn("c", OnnxMessages.IntAttribute("training_mode", 1)), 18)));
        Assert.Contains("does not directly follow a Gemm, MatMul or Conv", Refused(Model(b =>
        {
            b.Node("Relu", new[] { "c" }, "r");
            Bn("r")(b);
        }, 18)));
    }

    [Fact]
    public void Layers_out_of_place_are_refused()
    {
        // A Conv on a flat input, a Gemm on a feature map, Flatten at axis 2, a network ending in pooling.
        byte[] flatConv = ConvModels.Head(ModelBuilder_Flat(), "c", 2, new object[] { "N", 5 });
        Assert.Contains("reads a flat tensor of 5 values", Refused(flatConv));
        Assert.Contains("reads a feature map [N, 2, 3, 3]; flatten it first", Refused(Head(Conv(), "c", 18)));
        Assert.Contains("flattens at axis 2", Refused(Head(Conv().Node("Flatten", new[] { "c" }, "flat", OnnxMessages.IntAttribute("axis", 2)), "flat", 18)));
        byte[] endsInPool = Conv().Node("MaxPool", new[] { "c" }, "output", ModelBuilder.Ints("kernel_shape", 3, 3)).Build(Image, new object[] { "N", 2, 1, 1 });
        Assert.Contains("ends with 'maxpool1' (MaxPool); NetGen's output layer is dense", Refused(endsInPool));
        Assert.Contains("adds to a tensor that is not the output of a Gemm or MatMul", Refused(Model(b => b
            .Tensor("a", new long[] { 1 }, 0.5).Node("Add", new[] { "c", "a" }, "t"), 18)));
        Assert.Contains("takes softmax over a feature map", Refused(Model(b => b.Node("Softmax", new[] { "c" }, "t"), 18)));
        Assert.Contains("pads its input by [0, 0, 1, 1, 0, 0, 1, 1]", Refused(Model(b => b
            .Int64Tensor("p", new long[] { 8 }, 0, 0, 1, 1, 0, 0, 1, 1).Node("Pad", new[] { "c", "p" }, "t"), 50)));
    }

    private static ModelBuilder ModelBuilder_Flat() => new ModelBuilder(ModelBuilder.Float)
        .Tensor("K", new long[] { 2, 1, 3 }, Crafted.Values(6, 1))
        .Node("Conv", new[] { "input", "K" }, "c");

    [Fact]
    public void A_convolution_producing_more_values_than_a_layer_holds_is_refused_before_its_weights_are_read()
    {
        byte[] model = new ModelBuilder(ModelBuilder.Float)
            .Tensor("K", new long[] { 2000, 1, 3, 3 }, new double[18000])
            .Node("Conv", new[] { "input", "K" }, "c")
            .Node("Flatten", new[] { "c" }, "flat")
            .Tensor("W2", new long[] { 1, 18000 }, new double[18000])
            .Node("Gemm", new[] { "flat", "W2" }, "output", OnnxMessages.IntAttribute("transB", 1))
            .Build(Image, new object[] { "N", 1 });
        Assert.Contains("produces [2000, 3, 3], 18,000 values per sample; a NetGen layer has at most 16,384", Refused(model));
    }

    [Fact]
    public void A_feature_map_input_with_a_fixed_batch_over_1_is_refused()
    {
        Assert.Contains("a fixed batch of 5; NetGen compiles one sample at a time",
            Refused(Model(b => b.Node("Identity", new[] { "c" }, "t"), 18, inputDims: new object[] { 5, 1, 5, 5 })));
    }

    [Fact]
    public void Malformed_windows_are_NG0203_and_windows_over_the_limits_or_the_input_are_NG0202()
    {
        Assert.Contains("has kernel_shape [2, 2] but its weight 'K' has shape [2, 1, 3, 3]", Refused(Model(
            b => b.Node("Identity", new[] { "c" }, "t"), 18, convAttributes: ModelBuilder.Ints("kernel_shape", 2, 2)), "Malformed"));
        Assert.Contains("1 input channels, but its input has 2", Refused(Model(
            b => b.Node("Identity", new[] { "c" }, "t"), 18, inputDims: new object[] { "N", 2, 5, 5 }), "Malformed"));
        Assert.Contains("has -1 in pads, which must be 0 or more", Refused(Model(
            b => b.Node("Identity", new[] { "c" }, "t"), 18, convAttributes: ModelBuilder.Ints("pads", -1, 0, 0, 0)), "Malformed"));
        Assert.Contains("strides [1]: 1 values where its 2D input needs 2", Refused(Model(
            b => b.Node("Identity", new[] { "c" }, "t"), 18, convAttributes: ModelBuilder.Ints("strides", 1)), "Malformed"));
        Assert.Contains("has 100000 in strides, over NetGen's limit of 16384 positions", Refused(Model(
            b => b.Node("Identity", new[] { "c" }, "t"), 18, convAttributes: ModelBuilder.Ints("strides", 100000, 1))));
        Assert.Contains("the convolution window spans 7 positions but the input has 5 along that dimension", Refused(Model(
            b => b.Node("Identity", new[] { "c" }, "t"), 18, convAttributes: ModelBuilder.Ints("dilations", 3, 1))));
    }
}
