using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Editing unrelated code re-reads nothing and re-emits nothing; changing the model's bytes re-reads it
/// and emits the new weights. No step output holds Roslyn objects that would pin a compilation.
/// </summary>
public class IncrementalityTests
{
    private const string Declaration = "using NetGen;\nnamespace App { [Network(OnnxModel = \"model.onnx\")] public partial class Scorer { } }\n";

    private static byte[] Model(double firstWeight)
    {
        var net = new TanhDouble();
        Agreement.Randomize(net.Parameters, seed: 1);
        net.Parameters[0] = firstWeight;
        return OnnxExporter.ToBytes(net);
    }

    // The generator's step names (NetGen.Generator.TrackingNames, internal to the generator).
    private const string OnnxModels = "OnnxModels";
    private static readonly string[] OnnxSteps = { "OnnxRequests", OnnxModels, "OnnxImports" };

    [Fact]
    public void An_unrelated_edit_reuses_every_onnx_step()
    {
        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", Model(0.5));
        CSharpCompilation compilation = ImportHarness.Compilation(Declaration);
        GeneratorDriver driver = harness.Driver(trackSteps: true).RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App { class Unrelated { } }"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in OnnxSteps)
        {
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
            Assert.All(outputs, o => Assert.False(o.Value is Compilation or ISymbol or SyntaxNode, $"{step} holds a {o.Value.GetType().Name}"));
        }
        // Every output is reused except the diagnostics reporter, which by design maps the (cached)
        // diagnostics onto each new compilation's syntax trees so that they are in source.
        var sourceOutputs = second.TrackedOutputSteps.SelectMany(s => s.Value)
            .Where(s => s.Inputs.All(i => i.Source.Name != "ReportDiagnostics")).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void New_model_bytes_are_read_again_and_emitted()
    {
        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", Model(0.5));
        CSharpCompilation compilation = ImportHarness.Compilation(Declaration);
        GeneratorDriver driver = harness.Driver(trackSteps: true).RunGenerators(compilation);
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("0.5, ", before);

        var (old, replacement) = harness.ReplaceModel("model.onnx", Model(0.75));
        GeneratorRunResult second = driver.ReplaceAdditionalText(old, replacement).RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Contains(second.TrackedSteps[OnnxModels].SelectMany(s => s.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified);
        string after = second.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("0.75, ", after);
        Assert.DoesNotContain("0.5, ", after.Substring(after.IndexOf("TrainedParameters =>", StringComparison.Ordinal), 60));
    }
}
