using Microsoft.CodeAnalysis;

namespace NetGen.Onnx.Tests;

/// <summary>Models NetGen cannot compile, and attributes that contradict their model, are diagnostics that say why.</summary>
public class ImportDiagnosticTests
{
    private const string Declaration = "using NetGen;\n[Network(OnnxModel = \"model.onnx\")]\npublic partial class Scorer { }\n";

    /// <summary>A valid 3-4-2 float model with one node replaced by <paramref name="middle"/>.</summary>
    private static ModelBuilder Dense(Action<ModelBuilder>? middle = null, int type = ModelBuilder.Float)
    {
        var builder = new ModelBuilder(type)
            .Tensor("W1", new long[] { 4, 3 }, new double[12])
            .Tensor("B1", new long[] { 4 }, new double[4])
            .Node("Gemm", new[] { "input", "W1", "B1" }, "s1", OnnxMessages.IntAttribute("transB", 1));
        if (middle is null)
        {
            builder.Node("Tanh", new[] { "s1" }, "h");
        }
        else
        {
            middle(builder);
        }
        return builder
            .Tensor("W2", new long[] { 2, 4 }, new double[8])
            .Tensor("B2", new long[] { 2 }, new double[2])
            .Node("Gemm", new[] { "h", "W2", "B2" }, "output", OnnxMessages.IntAttribute("transB", 1));
    }

    private static readonly object[] InputShape = { "N", 3 };
    private static readonly object[] OutputShape = { "N", 2 };

    private static Diagnostic Single(byte[] model, string id, string source = Declaration)
    {
        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", model);
        var (run, _) = harness.Run(source);
        var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", run.Diagnostics)}");
        Assert.Empty(run.Results.Single().GeneratedSources);
        Assert.Equal(DiagnosticSeverity.Error, matching[0].Severity);
        return matching[0];
    }

    private static string Underlined(string source, Diagnostic diagnostic) =>
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    [Fact]
    public void The_valid_base_model_compiles()
    {
        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", Dense().Build(InputShape, OutputShape));
        var (run, output) = harness.Run(Declaration);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Single(run.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_transposed_convolution_is_refused_naming_the_operator_and_node()
    {
        byte[] model = Dense(b => b
            .Tensor("K", new long[] { 1, 1, 1 }, 1.0)
            .Node("ConvTranspose", new[] { "s1", "K" }, "h")).Build(InputShape, OutputShape);
        Diagnostic d = Single(model, "NG0201");
        Assert.Contains("operator 'ConvTranspose'", d.GetMessage());
        Assert.Contains("node 'convtranspose", d.GetMessage());
        Assert.Equal("\"model.onnx\"", Underlined(Declaration, d));
    }

    [Theory]
    [InlineData("Dropout")]
    [InlineData("InstanceNormalization")]
    [InlineData("Scan")]
    public void Other_unsupported_operators_are_named(string op)
    {
        byte[] model = Dense(b => b.Node(op, new[] { "s1" }, "h")).Build(InputShape, OutputShape);
        Assert.Contains($"operator '{op}'", Single(model, "NG0201").GetMessage());
    }

    [Fact]
    public void An_operator_of_another_domain_is_named_with_its_domain()
    {
        byte[] model = Dense(b => b.Node("com.microsoft", "Gelu", new[] { "s1" }, "h")).Build(InputShape, OutputShape);
        Assert.Contains("operator 'com.microsoft.Gelu'", Single(model, "NG0201").GetMessage());
    }

    [Fact]
    public void A_dynamic_feature_dimension_is_refused()
    {
        byte[] model = Dense().Build(new object[] { "N", "features" }, OutputShape);
        Diagnostic d = Single(model, "NG0202");
        Assert.Contains("input 'input' has shape [?, ?]", d.GetMessage());
        Assert.Contains("fixed number of features", d.GetMessage());
    }

    [Fact]
    public void A_float16_model_is_refused()
    {
        byte[] model = Dense().Build(InputShape, OutputShape, inputElementType: 10);
        Assert.Contains("float16", Single(model, "NG0202").GetMessage());
    }

    [Fact]
    public void A_branching_graph_is_refused()
    {
        byte[] model = Dense(b => b
            .Node("Tanh", new[] { "s1" }, "h")
            .Node("Sigmoid", new[] { "s1" }, "unused")).Build(InputShape, OutputShape);
        Assert.Contains("feeds 2 nodes", Single(model, "NG0202").GetMessage());
    }

    [Fact]
    public void Two_activations_in_a_row_are_refused()
    {
        byte[] model = Dense(b => b
            .Node("Tanh", new[] { "s1" }, "t")
            .Node("Relu", new[] { "t" }, "h")).Build(InputShape, OutputShape);
        Assert.Contains("does not follow a Gemm, MatMul or Conv", Single(model, "NG0202").GetMessage());
    }

    [Fact]
    public void Weights_that_are_not_initializers_are_refused()
    {
        byte[] model = new ModelBuilder(ModelBuilder.Float)
            .Node("Gemm", new[] { "input", "W", "B" }, "output", OnnxMessages.IntAttribute("transB", 1))
            .Build(InputShape, OutputShape);
        Assert.Contains("'W', an operand of", Single(model, "NG0202").GetMessage());
    }

    [Theory]
    [InlineData(new byte[] { 0x12, 0x00 }, "no ir_version or no graph")]
    [InlineData(new byte[] { 0x08, 0x08, 0x3A, 0x7F, 0x01 }, "claims 127 bytes")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, "longer than ten bytes")]
    public void Malformed_bytes_are_a_diagnostic_not_a_crash(byte[] bytes, string detail)
    {
        Diagnostic d = Single(bytes, "NG0203");
        Assert.Contains(detail, d.GetMessage());
    }

    [Fact]
    public void A_truncated_model_is_malformed()
    {
        byte[] model = Dense().Build(InputShape, OutputShape);
        Assert.Contains("not a valid ONNX model", Single(model[..(model.Length - 7)], "NG0203").GetMessage());
    }

    [Fact]
    public void A_model_missing_from_AdditionalFiles_is_reported_at_its_name()
    {
        string source = Declaration.Replace("model.onnx", "missing.onnx");
        Diagnostic d = Single(Dense().Build(InputShape, OutputShape), "NG0200", source);
        Assert.Equal("\"missing.onnx\"", Underlined(source, d));
        Assert.Contains("<AdditionalFiles Include=\"missing.onnx\" />", d.GetMessage());
        Assert.Contains("listed: model.onnx", d.GetMessage());
    }

    [Fact]
    public void Two_matching_files_need_more_of_the_path()
    {
        byte[] model = Dense().Build(InputShape, OutputShape);
        using var harness = new ImportHarness();
        harness.AddModel("a/model.onnx", model);
        harness.AddModel("b/model.onnx", model);
        var ambiguous = harness.Diagnostics(Declaration, "NG0200");
        Assert.Contains("matches 2 AdditionalFiles items", Assert.Single(ambiguous).GetMessage());

        var (run, _) = harness.Run(Declaration.Replace("model.onnx", "b/model.onnx"));
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Single(run.Results.Single().GeneratedSources);
    }

    [Theory]
    [InlineData("\"3-4-2\", Activation.Tanh, OnnxModel = \"model.onnx\", Output = Activation.Identity", null, null)]
    [InlineData("\"3-4:tanh-2\", Activation.Identity, OnnxModel = \"model.onnx\"", null, null)]
    [InlineData("\"3-4-2\", Activation.Tanh, OnnxModel = \"model.onnx\"", "\"3-4-2\"", "\"3-4:tanh-2:identity\"")]
    [InlineData("\"3-5:tanh-2\", Activation.Identity, OnnxModel = \"model.onnx\"", "\"3-5:tanh-2\"", "\"3-4:tanh-2:identity\"")]
    // The same widths over a shaped input: the model's input is flat, so the declaration disagrees.
    [InlineData("\"1x3-4:tanh-2\", Activation.Identity, OnnxModel = \"model.onnx\"", "\"1x3-4:tanh-2\"", "\"3-4:tanh-2:identity\"")]
    [InlineData("OnnxModel = \"model.onnx\", Output = Activation.Softmax", "Activation.Softmax", "Identity output layer")]
    [InlineData("OnnxModel = \"model.onnx\", Bias = BiasMode.SharedPerLayer", "BiasMode.SharedPerLayer", "one bias per unit")]
    public void Arguments_given_with_a_model_must_agree_with_it(string arguments, string? underlined, string? modelSays)
    {
        // The base model is "3-4:tanh-2:identity" with one bias per unit.
        byte[] model = Dense().Build(InputShape, OutputShape);
        string source = $"using NetGen;\n[Network({arguments})]\npublic partial class Scorer {{ }}\n";
        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", model);
        var (run, _) = harness.Run(source);
        if (underlined is null)
        {
            Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Single(run.Results.Single().GeneratedSources);
            return;
        }
        Diagnostic d = Assert.Single(run.Diagnostics, d => d.Id == "NG0204");
        Assert.Equal(underlined, Underlined(source, d));
        Assert.Contains(modelSays!, d.GetMessage());
        Assert.Empty(run.Results.Single().GeneratedSources);
    }

    [Fact]
    public void The_network_checks_of_every_declaration_apply()
    {
        byte[] softmaxHidden = Dense(b => b.Node("Softmax", new[] { "s1" }, "h")).Build(InputShape, OutputShape);
        Single(softmaxHidden, "NG0013");

        byte[] identityOutput = Dense().Build(InputShape, OutputShape);
        string crossEntropy = "using NetGen;\n[Network(OnnxModel = \"model.onnx\", Loss = Loss.CrossEntropy)]\npublic partial class Scorer { }\n";
        Assert.Equal("Loss.CrossEntropy", Underlined(crossEntropy, Single(identityOutput, "NG0014", crossEntropy)));
    }

    [Fact]
    public void An_empty_model_name_is_an_invalid_argument()
    {
        string source = "using NetGen;\n[Network(OnnxModel = \"\")]\npublic partial class Scorer { }\n";
        Assert.Contains("OnnxModel is empty", Single(Dense().Build(InputShape, OutputShape), "NG0016", source).GetMessage());
    }

    [Fact]
    public void No_topology_and_no_model_is_an_invalid_argument()
    {
        string source = "using NetGen;\n[Network]\npublic partial class Scorer { }\n";
        Assert.Contains("OnnxModel", Single(Dense().Build(InputShape, OutputShape), "NG0016", source).GetMessage());
    }
}
