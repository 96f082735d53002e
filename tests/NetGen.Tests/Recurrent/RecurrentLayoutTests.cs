using System.IO;
using NetGen;

namespace NetGen.Tests.Recurrent;

/// <summary>
/// The runtime's reading of a recurrent network's layer table: its text in the topology grammar, its fans and
/// biases, the save files built on its fingerprint, and the figure's refusal.
/// </summary>
public class RecurrentLayoutTests
{
    [Fact]
    public void Recurrent_networks_are_described_in_the_topology_grammar()
    {
        Assert.Equal("4x2 - gru3 - 1:identity, per-neuron biases, double", NetworkLayout.Of<RecurrentDouble<Gru4x2, double>, double>().Description);
        Assert.Equal("6x3 - lstm4(return=sequence) - 2:identity", NetworkLayout.Of<RecurrentDouble<LstmSequence, double>, double>().Topology);
        // A recurrent layer before another returns its sequence unasked; a dense layer over a sequence needs flatten.
        Assert.Equal("5x2 - rnn3:relu - gru2(return=sequence) - flatten - 1:sigmoid", NetworkLayout.Of<RecurrentDouble<Stacked, float>, float>().Topology);
        Assert.Equal("4x2 - rnn9:tanh - 1:identity", NetworkLayout.Of<RecurrentDouble<Rnn4x2, double>, double>().Topology);
        // A per-step dense layer needs no marker: it follows a sequence and feeds the GRU one.
        Assert.Equal("5x2 - lstm3(return=sequence) - 8:relu - gru2 - 1:identity", NetworkLayout.Of<RecurrentDouble<Interleaved, double>, double>().Topology);
    }

    [Fact]
    public void A_recurrent_layer_has_per_unit_biases_and_the_fans_of_one_gate_block()
    {
        NetworkLayout layout = NetworkLayout.Of<RecurrentDouble<LstmSequence, double>, double>();
        Assert.False(layout.SharedBias); // bias_ih and bias_hh: 2 x 4 gates x 4 units, not one per layer
        Assert.Equal((3, 4), (layout.Layers[0].FanIn, layout.Layers[0].FanOut));
        Assert.Equal((4, 2), (layout.Layers[1].FanIn, layout.Layers[1].FanOut)); // per step: features in, units out
        Assert.Equal((0, 112, 32), (layout.Layers[0].WeightOffset, layout.Layers[0].BiasOffset, layout.Layers[0].BiasCount));
        Assert.Equal((144, 152, 2), (layout.Layers[1].WeightOffset, layout.Layers[1].BiasOffset, layout.Layers[1].BiasCount));
        Assert.Contains("time steps", layout.Differences);
    }

    [Fact]
    public void Recurrent_parameters_round_trip_through_both_formats()
    {
        var net = new RecurrentDouble<LstmSequence, float>();
        ParameterInitializer.Initialize(net, 5);
        net.Parameters[^1] = 0.25f;

        using var stream = new MemoryStream();
        net.WriteParameters(stream);
        var binary = new RecurrentDouble<LstmSequence, float>();
        binary.ReadParameters(new MemoryStream(stream.ToArray()));
        Assert.Equal(net.Parameters.ToArray(), binary.Parameters.ToArray());

        string json = net.ToParameterJson();
        Assert.Contains("\"topology\": \"6x3 - lstm4(return=sequence) - 2:identity\"", json);
        Assert.Contains("\"w_f1_2_h1_3\"", json); // forget gate, unit 2, from the previous step's unit 3
        var fromJson = new RecurrentDouble<LstmSequence, float>();
        fromJson.LoadParameterJson(json);
        Assert.Equal(net.Parameters.ToArray(), fromJson.Parameters.ToArray());
    }

    [Fact]
    public void A_file_of_the_same_GRU_over_another_number_of_steps_is_refused_in_both_formats()
    {
        // The weights do not depend on the steps: same count, same names; only the layer table tells them apart.
        Assert.Equal(RecurrentDouble<Gru4x2, double>.ParameterNames.ToArray(), RecurrentDouble<Gru5x2, double>.ParameterNames.ToArray());
        var saved = new RecurrentDouble<Gru4x2, double>();
        ParameterInitializer.Initialize(saved, 1);
        using var stream = new MemoryStream();
        saved.WriteParameters(stream);

        var other = new RecurrentDouble<Gru5x2, double>();
        var binary = Assert.Throws<ParameterFileException>(() => other.ReadParameters(new MemoryStream(stream.ToArray())));
        Assert.Equal(ParameterFileError.DifferentNetwork, binary.Error);
        Assert.Contains("5x2 - gru3 - 1:identity", binary.Message);
        var json = Assert.Throws<ParameterFileException>(() => other.LoadParameterJson(saved.ToParameterJson()));
        Assert.Equal(ParameterFileError.DifferentNetwork, json.Error);
        Assert.Contains("4x2 - gru3 - 1:identity", json.Message);
        Assert.All(other.Parameters.ToArray(), p => Assert.Equal(0.0, p));
    }

    [Fact]
    public void Networks_that_differ_only_in_their_layer_table_have_different_fingerprints()
    {
        ulong[] fingerprints =
        [
            NetworkLayout.Of<RecurrentDouble<Gru4x2, double>, double>().Fingerprint,
            NetworkLayout.Of<RecurrentDouble<Gru5x2, double>, double>().Fingerprint,
            NetworkLayout.Of<RecurrentDouble<Rnn4x2, double>, double>().Fingerprint,
            NetworkLayout.Of<RecurrentDouble<Gru4x2, float>, float>().Fingerprint,
        ];
        Assert.Equal(fingerprints.Length, fingerprints.Distinct().Count());
        Assert.Equal(fingerprints[0], NetworkLayout.Of<RecurrentDouble<Gru4x2, double>, double>().Fingerprint);
    }

    [Fact]
    public void A_GRU_file_does_not_load_into_a_SimpleRNN_network()
    {
        var gru = new RecurrentDouble<Gru4x2, double>();
        ParameterInitializer.Initialize(gru, 3);
        using var stream = new MemoryStream();
        gru.WriteParameters(stream);
        var error = Assert.Throws<ParameterFileException>(() => new RecurrentDouble<Rnn4x2, double>().ReadParameters(new MemoryStream(stream.ToArray())));
        Assert.Equal(ParameterFileError.DifferentNetwork, error.Error);
        Assert.Contains("4x2 - rnn9:tanh - 1:identity", error.Message);
    }

    [Fact]
    public void The_figure_refuses_a_recurrent_network_naming_the_layer_and_pointing_to_Explain()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            NetworkFigure.Layout<RecurrentDouble<Stacked, double>, double>(new ExplanationRecorder<double>(), null));
        Assert.Contains("layer 1 of RecurrentDouble`2 is a SimpleRnn layer", error.Message);
        Assert.Contains("shared by all 5 time steps", error.Message);
        Assert.Contains("Explain(input, target, explanation)", error.Message);
    }
}
