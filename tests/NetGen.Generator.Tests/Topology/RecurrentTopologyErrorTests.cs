namespace NetGen.Generator.Tests.Topology;

/// <summary>Every way a recurrent topology can be wrong: the error's kind (its NG ID) and exactly the characters it underlines.</summary>
public class RecurrentTopologyErrorTests
{
    [Theory]
    // NG0010: not the grammar.
    [InlineData("50x2-gru-1", "Malformed", "-")]
    [InlineData("50x2-gru-4-1", "Malformed", "-")]
    [InlineData("50x2-gru16(-1", "Malformed", "-")]
    [InlineData("50x2-gru16()-1", "Malformed", ")")]
    [InlineData("50x2-gru16(return)-1", "Malformed", ")")]
    [InlineData("50x2-gru16(return=)-1", "Malformed", ")")]
    [InlineData("50x2-gru16(return=16)-1", "Malformed", "1")]
    [InlineData("50x2-lstm16(return=sequence-1", "Malformed", "-")]
    [InlineData("50x2-gru16(return=sequence, return=last)-1", "Malformed", ",")]
    [InlineData("50x2-lstm4:-1", "Malformed", "-")]
    [InlineData("50x2x3x4-gru4-1", "Malformed", "50x2x3x4")]
    [InlineData("50x2-gru4-1,", "Malformed", ",")]
    [InlineData("50x2-simplernn4 rnn4-1", "Malformed", "r")]
    [InlineData("50x2-lstm", "Malformed", "m")]
    // NG0011: hidden units or input size out of range.
    [InlineData("50x2-gru0-1", "Width", "0")]
    [InlineData("50x2-lstm16385-1", "Width", "16385")]
    [InlineData("50x2 - rnn 99999999999 - 1", "Width", "99999999999")]
    [InlineData("0x2-gru4-1", "Width", "0")]
    // NG0012: an unknown activation.
    [InlineData("50x2-rnn4:swish-1", "UnknownActivation", "swish")]
    // NG0017: a recurrent layer that cannot be built.
    [InlineData("50x2-gru16x2-1", "Layer", "gru16x2")]
    [InlineData("50x2 - lstm16x2x3 - 1", "Layer", "lstm16x2x3")]
    [InlineData("50x2-gru16(stride=2)-1", "Layer", "stride")]
    [InlineData("50x2-gru16(return=all)-1", "Layer", "all")]
    [InlineData("50x2-gru16:relu-1", "Layer", ":relu")]
    [InlineData("50x2-lstm16:tanh-1", "Layer", ":tanh")]
    [InlineData("50x2-rnn16:sigmoid-1", "Layer", ":sigmoid")]
    [InlineData("50x2-rnn16 : softmax-1", "Layer", ": softmax")]
    [InlineData("50x2-gru4(return=sequence):relu-1", "Layer", ":relu")]
    [InlineData("2000x2-gru16(return=sequence)-1", "Layer", "gru16(return=sequence)")]
    [InlineData("50x2-gru4(return=sequence)-400-1", "Layer", "400")]
    [InlineData("1000x20-gru4-1", "Layer", "1000x20")]
    // NG0018: a layer where it cannot come.
    [InlineData("50-gru4-1", "Order", "gru4")]
    [InlineData("50x2x2-gru4-1", "Order", "gru4")]
    [InlineData("50x2-gru4", "Order", "gru4")]
    [InlineData("50x2-gru4(return=sequence)", "Order", "gru4(return=sequence)")]
    [InlineData("5x2 - rnn3:relu - rnn2", "Order", "rnn2")]
    [InlineData("50x2-8-gru4-1", "Order", "gru4")]
    [InlineData("50x2-gru4-8-gru4-1", "Order", "gru4")]
    [InlineData("50x2-gru4(return=last)-gru4-1", "Order", "return=last")]
    [InlineData("50x2 - lstm4( Return = Last ) - rnn2 - 1", "Order", "Return = Last")]
    [InlineData("50x2-gru4-flatten-1", "Order", "flatten")]
    [InlineData("50x2-gru4(return=sequence)-flatten-flatten-1", "Order", "flatten")]
    [InlineData("50x2-gru4(return=sequence)-flatten-gru4-1", "Order", "gru4")]
    [InlineData("50x2-gru4(return=sequence)-conv3x8-1", "Order", "conv3x8")]
    [InlineData("50x2-gru4(return=sequence)-8-maxpool2-1", "Order", "maxpool2")]
    [InlineData("50x2-gru4-maxpool2-1", "Order", "maxpool2")]
    [InlineData("50x2-lstm4-gap-1", "Order", "gap")]
    [InlineData("50x2-flatten-rnn4-1", "Order", "rnn4")]
    [InlineData("1x8x8-conv3x8-gru4-1", "Order", "gru4")]
    public void Each_error_has_its_kind_and_underlines_exactly_its_characters(string topology, string kind, string underlined)
    {
        var (error, actual) = TopologyGrammar.Invalid(topology);
        Assert.True(kind == error.Kind.ToString(), $"\"{topology}\": expected {kind}, got {error}");
        Assert.Equal(underlined, actual);
    }

    [Fact]
    public void The_second_of_two_flattens_is_the_one_underlined()
    {
        const string topology = "50x2-gru4(return=sequence)-flatten-flatten-1";
        var (error, _) = TopologyGrammar.Invalid(topology);
        Assert.Equal(topology.LastIndexOf("flatten", System.StringComparison.Ordinal), error.Start);
    }

    [Theory]
    [InlineData("50-gru4-1", "write the input as TxF")]
    [InlineData("50x2-gru16x2-1", "takes one number, its hidden units (gru16)")]
    [InlineData("50x2-gru16:relu-1", "gates use sigmoid and tanh")]
    [InlineData("50x2-rnn16:sigmoid-1", "tanh (the default) or relu")]
    [InlineData("50x2-gru16(stride=2)-1", "return=last (the last state, the default) or return=sequence")]
    [InlineData("50x2-gru4(return=last)-gru4-1", "remove return=last")]
    [InlineData("50x2-gru4-flatten-1", "already flat")]
    [InlineData("50x2-gru4(return=sequence)-flatten-flatten-1", "written twice")]
    [InlineData("50x2-gru4(return=sequence)-conv3x8-1", "dense layers (per step, or over every step after flatten)")]
    [InlineData("50x2-8-gru4-1", "cannot follow a dense layer")]
    [InlineData("50x2-gru4", "must be dense")]
    [InlineData("2000x2-gru16(return=sequence)-1", "32,000 values (2000 x 16)")]
    public void Messages_say_what_is_wrong_and_how_to_fix_it(string topology, string phrase)
    {
        var (error, _) = TopologyGrammar.Invalid(topology);
        Assert.Contains(phrase, error.Detail);
    }
}
