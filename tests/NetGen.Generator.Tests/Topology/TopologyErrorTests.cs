using static NetGen.Generator.Parsing.TopologyParser;

namespace NetGen.Generator.Tests.Topology;

/// <summary>Every way a topology can be wrong: the error's kind (its NG ID) and exactly the characters it underlines.</summary>
public class TopologyErrorTests
{
    [Theory]
    // NG0010: not the grammar.
    [InlineData("1x8x8-conv3x8-10,", "Malformed", ",")]
    [InlineData("1x8x8-convolution3x8-10", "Malformed", "convolution")]
    [InlineData("1x8x8-conv-10", "Malformed", "-")]
    [InlineData("1x8x8-conv3x-10", "Malformed", "-")]
    [InlineData("1x8x8-conv3x8(-10", "Malformed", "-")]
    [InlineData("1x8x8-conv3x8(stride 2)-10", "Malformed", "2")]
    [InlineData("1x8x8-conv3x8(stride=2-10", "Malformed", "-")]
    [InlineData("1x8x8-conv3x8(stride=)-10", "Malformed", ")")]
    [InlineData("1x8x8-conv3x8(padding=)-10", "Malformed", ")")]
    [InlineData("1x8x8-conv3x8()-10", "Malformed", ")")]
    [InlineData("1x8x8-maxpool-10", "Malformed", "-")]
    [InlineData("1x8x8-gap2-10", "Malformed", "2")]
    [InlineData("1x2x3x4-10", "Malformed", "1x2x3x4")]
    [InlineData("1x8x8:relu-10", "Malformed", ":relu")]
    [InlineData("1x8x8-conv3x8:-10", "Malformed", "-")]
    [InlineData("1x", "Malformed", "x")]
    // NG0011: a width or input size out of range.
    [InlineData("1x0x8-10", "Width", "0")]
    [InlineData("1x8x8-conv3x8-0", "Width", "0")]
    // NG0012: an unknown activation.
    [InlineData("1x8x8-conv3x8:swish-10", "UnknownActivation", "swish")]
    // NG0017: a layer that cannot be built.
    [InlineData("1x8x8-conv3-10", "Layer", "conv3")]
    [InlineData("1x8x8-conv0x8-10", "Layer", "0")]
    [InlineData("1x8x8-conv3x0-10", "Layer", "0")]
    [InlineData("1x8x8-conv3x99999-10", "Layer", "99999")]
    [InlineData("1x8x8-conv3x3x3x8-10", "Layer", "3x3x3x8")]
    [InlineData("3x64-conv3x3x8-10", "Layer", "3x3x8")]
    [InlineData("3x64-conv5x16(stride=2x2)-10", "Layer", "stride=2x2")]
    [InlineData("1x8x8-conv3x8(dilation=1x2x1)-10", "Layer", "dilation=1x2x1")]
    [InlineData("1x8x8-conv3x8(stride=0)-10", "Layer", "0")]
    [InlineData("1x8x8-conv3x8(stride=2, stride=1)-10", "Layer", "stride=1")]
    [InlineData("1x8x8-conv3x8(padding=same,padding=1)-10", "Layer", "padding=1")]
    [InlineData("1x8x8-conv3x8(padding=full)-10", "Layer", "full")]
    [InlineData("1x8x8-conv3x8(groups=2)-10", "Layer", "groups")]
    [InlineData("1x8x8-maxpool2(padding=1)-10", "Layer", "padding")]
    [InlineData("1x8x8-maxpool2x2x2-10", "Layer", "2x2x2")]
    [InlineData("1x8x8-maxpool2:relu-10", "Layer", ":relu")]
    [InlineData("1x8x8-avgpool2 : tanh-10", "Layer", ": tanh")]
    [InlineData("1x8x8-conv3x8-gap:relu-10", "Layer", ":relu")]
    [InlineData("1x8x8-conv3x8-flatten(1)-10", "Layer", "(")]
    [InlineData("1x4x4-conv5x8-10", "Layer", "conv5x8")]
    [InlineData("1x4x4 - conv3x8(dilation=2) - 10", "Layer", "conv3x8(dilation=2)")]
    [InlineData("1x4x4-maxpool5-10", "Layer", "maxpool5")]
    [InlineData("3x128x128-10", "Layer", "3x128x128")]
    // NG0018: a layer where it cannot come.
    [InlineData("64-conv3x8-10", "Order", "conv3x8")]
    [InlineData("64-flatten-10", "Order", "flatten")]
    [InlineData("1x8x8-32-conv3x8-10", "Order", "conv3x8")]
    [InlineData("1x8x8-32-gap-10", "Order", "gap")]
    [InlineData("1x8x8-conv3x8-flatten-maxpool2-10", "Order", "maxpool2")]
    [InlineData("1x8x8-conv3x8-flatten-flatten-10", "Order", "flatten")]
    [InlineData("1x8x8-conv3x8-gap", "Order", "gap")]
    [InlineData("1x8x8-conv3x8:relu", "Order", "conv3x8:relu")]
    [InlineData("1x8x8 - conv3x8 - flatten", "Order", "flatten")]
    [InlineData("1x8x8-maxpool2(stride=1)", "Order", "maxpool2(stride=1)")]
    public void Each_error_has_its_kind_and_underlines_exactly_its_characters(string topology, string kind, string underlined)
    {
        var (error, actual) = TopologyGrammar.Invalid(topology);
        Assert.True(kind == error.Kind.ToString(), $"\"{topology}\": expected {kind}, got {error}");
        Assert.Equal(underlined, actual);
    }

    [Theory]
    [InlineData("1x8x8-conv3-10", "conv3x8")]
    [InlineData("1x8x8-conv3x3x3x8-10", "(2 here)")]
    [InlineData("3x64-conv5x16(stride=2x2)-10", "one per dimension (1 here)")]
    [InlineData("1x8x8-conv3x8(stride=2, stride=1)-10", "stride is given twice")]
    [InlineData("1x8x8-maxpool2(padding=1)-10", "pooling has no padding")]
    [InlineData("1x4x4-conv5x8-10", "spans 5 positions but the input has 4")]
    [InlineData("1x8x8-32-conv3x8-10", "cannot follow a dense layer")]
    [InlineData("64-conv3x8-10", "cannot follow a flat input")]
    [InlineData("1x8x8-conv3x8-gap", "10:softmax")]
    [InlineData("3x128x128-10", "49,152 values")]
    [InlineData("1x8x8-maxpool2:relu-10", "remove ':relu'")]
    public void Messages_say_what_is_wrong_and_how_to_fix_it(string topology, string phrase)
    {
        var (error, _) = TopologyGrammar.Invalid(topology);
        Assert.Contains(phrase, error.Detail);
    }
}
