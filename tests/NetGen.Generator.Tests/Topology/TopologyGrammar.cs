using NetGen.Generator.Model;
using ActivationKind = NetGen.Generator.Model.Activation;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Tests.Topology;

/// <summary>Runs the topology parser and the layer builder directly, as the generator does, without Roslyn.</summary>
internal static class TopologyGrammar
{
    /// <summary>The network <paramref name="topology"/> declares with tanh hidden layers and a sigmoid output, or the first error.</summary>
    public static (TopologyLayers.Result? Network, TopologyParser.Error? Error) Read(string topology)
    {
        var (tokens, error) = TopologyParser.Parse(topology);
        return error is not null
            ? (null, error)
            : TopologyLayers.Build(tokens!, ActivationKind.Tanh, ActivationKind.Sigmoid);
    }

    public static TopologyLayers.Result Valid(string topology)
    {
        var (network, error) = Read(topology);
        Assert.True(error is null, $"\"{topology}\": {error}");
        return network!;
    }

    /// <summary>The error of an invalid topology and the characters it underlines.</summary>
    public static (TopologyParser.Error Error, string Underlined) Invalid(string topology)
    {
        var (_, error) = Read(topology);
        Assert.True(error is not null, $"\"{topology}\" was accepted");
        Assert.InRange(error!.Start, 0, topology.Length);
        Assert.InRange(error.Start + error.Length, error.Start, topology.Length);
        return (error, topology.Substring(error.Start, error.Length));
    }
}
