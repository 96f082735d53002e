using NetGen.Generator.Model;
using ActivationKind = NetGen.Generator.Model.Activation;

namespace NetGen.Generator.Tests.Topology;

/// <summary>Every valid form of the recurrent grammar (docs/topology.md) becomes the layers it says: kinds, shapes, sequences, activations.</summary>
public class RecurrentTopologyFormTests
{
    [Fact]
    public void A_GRU_over_a_TxF_input_returns_its_last_state_to_a_dense_head()
    {
        var net = TopologyGrammar.Valid("50x2 - gru16 - 1:identity");
        Assert.Equal(100, net.InputCount);
        Assert.Equal(new[] { 50, 2 }, net.InputShape.AsSpan().ToArray());
        LayerSpec gru = net.Layers[0];
        Assert.Equal(Model.LayerKind.Gru, gru.Kind);
        Assert.True(gru.IsRecurrent);
        Assert.False(gru.ReturnsSequence);
        Assert.Equal(new[] { 16 }, gru.OutputShape.AsSpan().ToArray());
        Assert.Equal(16, gru.Width);
        Assert.Equal(16, gru.Hidden);
        Assert.Equal(3, gru.GateCount);
        Assert.Equal(ActivationKind.Tanh, gru.Activation);
        Assert.Equal(new LayerSpec(1, ActivationKind.Identity), net.Layers[1]);
        Assert.Equal(2, net.Layers.Count);
    }

    [Fact]
    public void A_dense_layer_after_a_returned_sequence_runs_at_every_step()
    {
        var net = TopologyGrammar.Valid("6x3 - lstm4(return=sequence) - 2");
        LayerSpec lstm = net.Layers[0];
        Assert.Equal(Model.LayerKind.Lstm, lstm.Kind);
        Assert.Equal(4, lstm.GateCount);
        Assert.True(lstm.ReturnsSequence);
        Assert.Equal(new[] { 6, 4 }, lstm.OutputShape.AsSpan().ToArray());
        Assert.Equal(24, lstm.Width);
        LayerSpec head = net.Layers[1];
        Assert.Equal(Model.LayerKind.PerStepDense, head.Kind);
        Assert.True(head.ReturnsSequence);
        Assert.Equal(new[] { 6, 2 }, head.OutputShape.AsSpan().ToArray());
        Assert.Equal(12, head.Width);
        Assert.Equal(ActivationKind.Sigmoid, head.Activation); // the output's default
    }

    [Fact]
    public void A_recurrent_layer_followed_by_another_returns_its_sequence_without_being_told()
    {
        var net = TopologyGrammar.Valid("5x2 - rnn3:relu - rnn2 - 1");
        Assert.Equal(Model.LayerKind.SimpleRnn, net.Layers[0].Kind);
        Assert.Equal(1, net.Layers[0].GateCount);
        Assert.Equal(ActivationKind.ReLU, net.Layers[0].Activation);
        Assert.Equal(new[] { 5, 3 }, net.Layers[0].OutputShape.AsSpan().ToArray());
        Assert.Equal(ActivationKind.Tanh, net.Layers[1].Activation); // rnn's default, not the network's hidden one
        Assert.Equal(new[] { 2 }, net.Layers[1].OutputShape.AsSpan().ToArray());
        Assert.Equal(Model.LayerKind.Dense, net.Layers[2].Kind);
    }

    [Fact]
    public void Flatten_after_a_sequence_makes_the_next_dense_layer_read_every_step()
    {
        var net = TopologyGrammar.Valid("5x2 - gru3(return=sequence) - flatten - 4:relu - 1");
        Assert.Equal(3, net.Layers.Count); // flatten makes no layer
        Assert.Equal(new[] { 5, 3 }, net.Layers[0].OutputShape.AsSpan().ToArray());
        Assert.Equal(new LayerSpec(4, ActivationKind.ReLU), net.Layers[1]);
        Assert.Equal(Model.LayerKind.Dense, net.Layers[1].Kind);
        Assert.Equal(new[] { "gru3(return=sequence)", "4:relu", "1" }, net.LayerTokens.Select(t => "5x2 - gru3(return=sequence) - flatten - 4:relu - 1".Substring(t.Start, t.Length)));
    }

    [Fact]
    public void A_per_step_dense_layer_may_feed_another_recurrent_layer()
    {
        var net = TopologyGrammar.Valid("5x2 - lstm3(return=sequence) - 8:relu - gru2 - 1");
        Assert.Equal(Model.LayerKind.PerStepDense, net.Layers[1].Kind);
        Assert.Equal(new[] { 5, 8 }, net.Layers[1].OutputShape.AsSpan().ToArray());
        Assert.Equal(ActivationKind.ReLU, net.Layers[1].Activation);
        Assert.Equal(Model.LayerKind.Gru, net.Layers[2].Kind);
        Assert.Equal(new[] { 2 }, net.Layers[2].OutputShape.AsSpan().ToArray());
    }

    [Fact]
    public void Stacked_layers_returning_sequences_end_in_a_per_step_head()
    {
        var net = TopologyGrammar.Valid("4x1-gru3-lstm2(return=sequence)-1:identity");
        Assert.Equal(new[] { 4, 3 }, net.Layers[0].OutputShape.AsSpan().ToArray());
        Assert.Equal(new[] { 4, 2 }, net.Layers[1].OutputShape.AsSpan().ToArray());
        Assert.Equal(Model.LayerKind.PerStepDense, net.Layers[2].Kind);
        Assert.Equal(new[] { 4, 1 }, net.Layers[2].OutputShape.AsSpan().ToArray());
        Assert.Equal(ActivationKind.Identity, net.Layers[2].Activation);
    }

    [Theory]
    [InlineData("5X2 - GRU3( Return = SEQUENCE ) - 1", "Gru", true, 15)]
    [InlineData("5x2-Lstm3(return=last)-1", "Lstm", false, 3)]
    [InlineData("5x2-simplernn3-1", "SimpleRnn", false, 3)]
    [InlineData("5x2-SimpleRNN3(return=sequence):tanh-1", "SimpleRnn", true, 15)]
    [InlineData("5x2 - rnn 3 : RELU - 1", "SimpleRnn", false, 3)]
    [InlineData("1x1-gru1-1", "Gru", false, 1)]
    public void Keywords_and_options_ignore_case_and_spaces(string topology, string kind, bool sequence, int width)
    {
        LayerSpec layer = TopologyGrammar.Valid(topology).Layers[0];
        Assert.Equal(kind, layer.Kind.ToString());
        Assert.Equal(sequence, layer.ReturnsSequence);
        Assert.Equal(width, layer.Width);
    }

    [Fact]
    public void The_widest_sequence_a_layer_may_return_is_accepted()
    {
        // 1024 steps x 16 units = 16,384 values, exactly the limit.
        var net = TopologyGrammar.Valid("1024x2-gru16(return=sequence)-1");
        Assert.Equal(16_384, net.Layers[0].Width);
    }
}
