using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// For a network compiled from an ONNX model: the trained parameters as a static literal array (a
/// <c>ReadOnlySpan</c> over data stored in the assembly, so reading it allocates nothing) that every
/// instance's parameters start from. The start is a field initializer (see <see cref="ParameterStorage"/>),
/// so it runs in every constructor, including ones the user declares.
/// </summary>
internal static class TrainedParameters
{
    private const int ValuesPerLine = 8;

    public static void Write(SourceWriter w, NetworkPlan plan, Numeric n)
    {
        var values = plan.Spec.InitialParameters;
        w.Line($"/// <summary>The trained parameters read from the ONNX model \"{CSharpText.XmlDoc(plan.Spec.OnnxModel!)}\" at compile time, in parameter order; every new instance starts with them.</summary>");
        w.Line($"public static global::System.ReadOnlySpan<{n.Type}> TrainedParameters => new {n.Type}[]");
        w.Line("{");
        for (int start = 0; start < values.Count; start += ValuesPerLine)
        {
            var line = Enumerable.Range(start, System.Math.Min(ValuesPerLine, values.Count - start)).Select(i => n.Literal(values[i]));
            w.Line("    " + string.Join(", ", line) + ",");
        }
        w.Line("};");
        w.Line();
    }
}
