using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Tests.Topology;

/// <summary>The validator's counts and the code-style choice for networks with convolution and pooling.</summary>
public class SpatialCountTests
{
    private static NetworkSpec Spec(string topology, Model.BiasMode bias = Model.BiasMode.PerNeuron)
    {
        var net = TopologyGrammar.Valid(topology);
        var type = new TypeShape(null, new EquatableArray<string>(System.Array.Empty<string>()), "Net", "Net", "Net");
        return new NetworkSpec(type, topology, net.InputCount, net.Layers, bias, true, Model.Loss.HalfSquaredError, Model.Precision.Double, 0.01, Model.CodeStyle.Auto)
        {
            InputShape = net.InputShape,
        };
    }

    [Theory]
    // conv: 8 filters x 1 channel x 9 taps = 72 weights, 8 biases; 8 x 6 x 6 = 288 outputs x 9 = 2,592 multiply-adds.
    // maxpool2: 8 x 3 x 3 = 72 outputs x 4 = 288; dense 10 x 72 = 720 weights and multiply-adds, 10 biases.
    [InlineData("1x8x8-conv3x8-maxpool2-10", 792, 810, 288 + 72 + 10, 2592 + 288 + 720)]
    // 1D: conv 4 x 2 channels x 3 taps = 24 weights; 4 x 8 outputs x 6 = 192; gap reads 32, leaves 4; dense 3 x 4 = 12.
    [InlineData("2x10-conv3x4-gap-3", 36, 43, 32 + 4 + 3, 192 + 32 + 12)]
    // avgpool with stride 1: 1 x 2 x 2 outputs x 9 = 36; dense 2 x 4 = 8.
    [InlineData("1x4x4-avgpool3(stride=1)-2", 8, 10, 4 + 2, 36 + 8)]
    // Dense: multiply-adds are the weights.
    [InlineData("4-8-3", 56, 67, 11, 56)]
    public void Count_gives_weights_parameters_units_and_multiply_adds(string topology, long weights, long parameters, long units, long multiplyAdds)
    {
        Assert.Equal((weights, parameters, units, multiplyAdds), NetworkValidator.Count(Spec(topology)));
    }

    [Fact]
    public void A_shared_bias_is_one_per_convolution_and_pooling_has_none()
    {
        // 72 + 720 weights, one bias for the conv and one for the dense layer.
        Assert.Equal(792 + 2, NetworkValidator.Count(Spec("1x8x8-conv3x8-maxpool2-10", Model.BiasMode.SharedPerLayer)).Parameters);
    }

    [Theory]
    [InlineData(256, 128, "Unrolled", "256 multiply-adds is at most 256 and 128 units at most 128, where straight-line code beats loops")]
    [InlineData(257, 10, "Loops", "257 multiply-adds is over 256, where vectorised loops beat straight-line code")]
    [InlineData(2592, 500, "Loops", "2,592 multiply-adds is over 256")]
    [InlineData(256, 129, "Loops", "129 units is over 128, where straight-line code has more locals than the JIT optimises well")]
    public void Auto_unrolls_a_spatial_network_only_when_both_multiply_adds_and_units_are_small(long multiplyAdds, long units, string style, string reason)
    {
        var (chosen, why) = CodeStylePolicy.ResolveSpatial(Model.CodeStyle.Auto, multiplyAdds, units);
        Assert.Equal(style, chosen.ToString());
        Assert.StartsWith(reason, why);
    }

    [Fact]
    public void An_explicit_style_is_honoured_up_to_the_hard_bound_in_multiply_adds()
    {
        Assert.Equal(Model.CodeStyle.Unrolled, CodeStylePolicy.ResolveSpatial(Model.CodeStyle.Unrolled, 4096, 1000).Style);
        var (style, reason) = CodeStylePolicy.ResolveSpatial(Model.CodeStyle.Unrolled, 4097, 10);
        Assert.Equal(Model.CodeStyle.Loops, style);
        Assert.Equal("CodeStyle.Unrolled was requested, but 4,097 multiply-adds is over the 4,096 that NetGen unrolls at most", reason);
        Assert.Equal((Model.CodeStyle.Loops, "CodeStyle.Loops was requested"), CodeStylePolicy.ResolveSpatial(Model.CodeStyle.Loops, 1, 1));
    }

    [Fact]
    public void A_small_convolution_network_is_unrolled_by_the_validator_with_its_reason()
    {
        // conv 2 x 3 positions x 3 = 18, maxpool3 2 x 1 x 3 = 6, dense 2 x 2 = 4: 28 multiply-adds; 6 + 2 + 2 = 10 units.
        var diagnostics = new List<DiagnosticInfo>();
        NetworkSpec? spec = NetworkValidator.Validate(Spec("1x5-conv3x2-maxpool3-2"), new NoLocations(), diagnostics);
        Assert.Equal(Model.CodeStyle.Unrolled, spec!.CodeStyle);
        Assert.Equal("28 multiply-adds is at most 256 and 10 units at most 128, where straight-line code beats loops", spec.CodeStyleReason);
        DiagnosticInfo chosen = Assert.Single(diagnostics);
        Assert.Equal("NG0100", chosen.Id);
        Assert.Equal("10 weights, 28 multiply-adds", chosen.Arguments[1]);
    }

    private sealed class NoLocations : ArgumentLocator
    {
        public override LocationInfo? Class => null;
        public override LocationInfo? Layers => null;
        public override LocationInfo? LayerActivation(int layer) => null;
        public override LocationInfo? Named(string name) => null;
    }
}
