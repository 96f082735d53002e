using System.Reflection;
using NetGen.Generator.Emitting;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Tests.Topology;

namespace NetGen.Generator.Tests;

/// <summary>
/// The name table of a large (flat-array) recurrent network is built by loops at run time; it must name every
/// parameter as the plan does (and as the unrolled ParameterSet's fields are named), in PyTorch's order.
/// </summary>
public class RecurrentNameTableTests
{
    [Theory]
    [InlineData("4x2 - gru3 - lstm2 - 3 - 2", false)]
    [InlineData("3x2 - rnn2(return=sequence) - 1", true)]
    [InlineData("5x1 - lstm2 - rnn3 - 2", false)]
    [InlineData("3x2 - gru2(return=sequence) - flatten - 2 - 1", true)]
    public void Loop_built_names_equal_the_plans(string topology, bool sharedBias)
    {
        var net = TopologyGrammar.Valid(topology);
        var type = new TypeShape(null, new EquatableArray<string>(System.Array.Empty<string>()), "Net", "Net", "Net");
        var spec = new NetworkSpec(type, topology, net.InputCount, net.Layers, sharedBias ? Model.BiasMode.SharedPerLayer : Model.BiasMode.PerNeuron, true, Model.Loss.HalfSquaredError, Model.Precision.Double, 0.01, Model.CodeStyle.Loops)
        {
            InputShape = net.InputShape,
        };
        var plan = new NetworkPlan(spec);
        var w = new SourceWriter();
        ParameterStorage.For(plan, Numeric.For(Model.Precision.Double)).WriteNameTables(w);
        Assembly assembly = GeneratorHarness.CompileAndLoad("public static class Names\n{\n" + w + "\npublic static string[] All => s_parameterNames;\n}");
        var names = (string[])assembly.GetType("Names")!.GetProperty("All")!.GetValue(null)!;
        Assert.Equal(plan.Parameters.Select(p => p.Name), names);
    }
}
