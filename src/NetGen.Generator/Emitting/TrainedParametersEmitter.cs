using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// For a network compiled from an ONNX model: the trained parameters as a static literal array (a
/// <c>ReadOnlySpan</c> over data stored in the assembly, so reading it allocates nothing) and the
/// expression that starts every instance's parameters from it. The start is a field initializer, so it
/// runs in every constructor, including ones the user declares.
/// </summary>
internal static class TrainedParametersEmitter
{
    private const int ValuesPerLine = 8;

    /// <summary>The initializer of the parameter field: " = ..." or "" when the network has no trained parameters.</summary>
    public static string FieldInitializer(NetworkSpec spec, bool unrolled) =>
        spec.OnnxModel is null ? "" : unrolled ? " = CreateTrainedParameterSet()" : " = TrainedParameters.ToArray()";

    public static void Emit(SourceWriter w, NetworkPlan plan, Numeric n, bool unrolled)
    {
        NetworkSpec spec = plan.Spec;
        if (spec.OnnxModel is null)
        {
            return;
        }
        w.Line($"/// <summary>The trained parameters read from the ONNX model \"{Escape(spec.OnnxModel)}\" at compile time, in parameter order; every new instance starts with them.</summary>");
        w.Line($"public static global::System.ReadOnlySpan<{n.Type}> TrainedParameters => new {n.Type}[]");
        w.Line("{");
        for (int start = 0; start < spec.InitialParameters.Count; start += ValuesPerLine)
        {
            var line = Enumerable.Range(start, System.Math.Min(ValuesPerLine, spec.InitialParameters.Count - start))
                .Select(i => n.Literal(spec.InitialParameters[i]));
            w.Line("    " + string.Join(", ", line) + ",");
        }
        w.Line("};");
        w.Line();
        if (unrolled)
        {
            w.Open("private static ParameterSet CreateTrainedParameterSet()");
            w.Line("ParameterSet trained = default;");
            w.Line($"TrainedParameters.CopyTo(global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref trained.{plan.ParameterNames().First()}, {plan.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}));");
            w.Line("return trained;");
            w.Close();
            w.Line();
        }
    }

    private static string Escape(string text) => CSharpText.XmlDoc(text);
}
