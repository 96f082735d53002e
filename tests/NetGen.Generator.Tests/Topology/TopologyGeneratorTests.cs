using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests.Topology;

/// <summary>The grammar through the real generator: NG IDs, the characters underlined inside the string literal, the code-style report.</summary>
public class TopologyGeneratorTests
{
    private static string Declare(string topology, string more = "") =>
        $"using NetGen;\n[Network(\"{topology}\", Activation.ReLU{more})]\npublic partial class Net {{ }}\n";

    private static (Diagnostic Diagnostic, string Underlined) Single(string source, string id)
    {
        var (run, _) = GeneratorHarness.Run(source);
        var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", run.Diagnostics)}");
        Diagnostic d = matching[0];
        return (d, source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("1x8x8 - conv3 - 10", "NG0017", "conv3")]
    [InlineData("3x64-conv5x16(stride=2x2)-10", "NG0017", "stride=2x2")]
    [InlineData("1x4x4-conv5x8-10", "NG0017", "conv5x8")]
    [InlineData("1x8x8-maxpool2:relu-10", "NG0017", ":relu")]
    [InlineData("1x8x8-32-conv3x8-10", "NG0018", "conv3x8")]
    [InlineData("1x8x8-conv3x8-gap", "NG0018", "gap")]
    [InlineData("1x8x8-conv3x8(padding=2", "NG0010", "2")]
    [InlineData("1x8x8-conv3x8:swish-10", "NG0012", "swish")]
    [InlineData("1x0x8-10", "NG0011", "0")]
    public void Errors_are_reported_with_their_ID_on_exactly_their_characters(string topology, string id, string underlined)
    {
        string source = Declare(topology);
        var (d, actual) = Single(source, id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(underlined, actual);
        Assert.Equal(id, d.Id);
    }

    [Fact]
    public void NG0017_and_NG0018_messages_quote_the_layer_and_say_how_to_fix_it()
    {
        var (bad, _) = Single(Declare("1x8x8 - conv3 - 10"), "NG0017");
        Assert.Equal("Layer \"conv3\" in the topology cannot be built: conv needs its kernel size and then its filter count: conv3x8 is a 3-wide kernel (3x3 on an image) with 8 filters, conv3x3x8 the same written per dimension", bad.GetMessage());
        var (order, _) = Single(Declare("64 - conv3x8 - 10"), "NG0018");
        Assert.StartsWith("Layer \"conv3x8\" cannot come there: conv cannot follow a flat input", order.GetMessage());
    }

    [Fact]
    public void Softmax_on_a_convolution_is_softmax_on_a_hidden_layer()
    {
        var (d, underlined) = Single(Declare("1x8x8-conv3x8:softmax-10"), "NG0013");
        Assert.Contains("1x8x8-conv3x8:softmax-10", underlined);
    }

    [Theory]
    // conv: 8 filters x 6x6 positions x fan-in 9 = 2,592 multiply-adds (72 weights); dense 10 x 288 = 2,880.
    [InlineData("1x8x8 - conv3x8 - 10:softmax", "loops", "5,472 multiply-adds is over 256", "(2,952 weights, 5,472 multiply-adds)")]
    // conv 2 x 3 positions x 3 = 18, maxpool 2 x 1 x 3 = 6, dense 2 x 2 = 4: 28 multiply-adds, 10 units.
    [InlineData("1x5 - conv3x2 - maxpool3 - 2", "unrolled code", "28 multiply-adds is at most 256 and 10 units at most 128", "(10 weights, 28 multiply-adds)")]
    // 1x1 kernels: 4 filters x 64 positions x 1 = 256 multiply-adds, gap 256, dense 4: over 256 by the multiply-adds.
    [InlineData("1x8x8 - conv1x4 - gap - 1", "loops", "516 multiply-adds is over 256", "(8 weights, 516 multiply-adds)")]
    // A 1x1 kernel over 128 positions (128 multiply-adds), a pool picking one of them, one dense unit: 130 multiply-adds
    // at most 256, but 128 + 1 + 1 units over 128.
    [InlineData("1x128 - conv1x1 - maxpool1(stride=128) - 1", "loops", "130 units is over 128", "(2 weights, 130 multiply-adds)")]
    public void The_code_style_of_a_spatial_network_is_decided_by_multiply_adds_and_units(string topology, string chosen, string reason, string counts)
    {
        var (d, _) = Single(Declare(topology), "NG0100");
        Assert.Contains(chosen, d.GetMessage());
        Assert.Contains(reason, d.GetMessage());
        Assert.Contains(counts, d.GetMessage());
    }

    [Fact]
    public void Dense_networks_report_their_code_style_in_the_same_words_as_before()
    {
        var (d, _) = Single(Declare("2-2-2"), "NG0100");
        Assert.Equal("Network 'Net' (8 weights) is generated as unrolled code: 8 weights is at most 256, where straight-line code beats loops. Set CodeStyle on [Network] to choose yourself.", d.GetMessage());
    }

    [Fact]
    public void Forcing_unrolled_on_a_large_convolution_counts_multiply_adds()
    {
        var (refused, _) = Single(Declare("1x16x16 - conv3x8 - 2", ", CodeStyle = CodeStyle.Unrolled"), "NG0102");
        Assert.Contains("has 17,248 multiply-adds", refused.GetMessage());
        Assert.Contains("at most 4,096 multiply-adds", refused.GetMessage());
    }

    [Fact]
    public void A_convolutional_declaration_generates_its_input_shape_and_layer_table()
    {
        string source = Declare("1x6x6 - conv3x2(padding=same) - maxpool2 - flatten - 3:softmax");
        var (run, output) = GeneratorHarness.Run(source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
        string code = run.Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("public static global::System.ReadOnlySpan<int> InputShape => new int[] { 1, 6, 6 };", code);
        // conv: 2 x 1 x 9 = 18 weights from 0, 2 biases; maxpool: none; dense 3 x 18 = 54 weights from 20, 3 biases.
        Assert.Contains("new(global::NetGen.LayerKind.Convolution, global::NetGen.Activation.ReLU, new int[] { 1, 6, 6 }, new int[] { 2, 6, 6 }, new int[] { 3, 3 }, new int[] { 1, 1 }, new int[] { 1, 1 }, new int[] { 1, 1, 1, 1 }, 0, 18, 2),", code);
        Assert.Contains("new(global::NetGen.LayerKind.MaxPool, global::NetGen.Activation.Identity, new int[] { 2, 6, 6 }, new int[] { 2, 3, 3 }, new int[] { 2, 2 }, new int[] { 2, 2 },", code);
        Assert.Contains("global::NetGen.LayerInfo.Dense(18, 3, global::NetGen.Activation.Softmax, 20, 3),", code);
    }
}
