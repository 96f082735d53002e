using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generator runs on every keystroke: an edit that does not touch a [Network] attribute must leave
/// NetGen's steps cached and emit nothing new, and the model carried between steps must hold no Roslyn
/// objects (a symbol, syntax node or location would make every edit look like a change, and keep old
/// compilations alive).
/// </summary>
public class IncrementalityTests
{
    private const string NetworkFile = """
        using NetGen;
        namespace Samples;
        [Network("3-x", Activation.Sigmoid)]
        public partial class BrokenNet { }
        [Network("2-2-2", Activation.Sigmoid)]
        public partial class SeedNet
        {
            public int Helper() { return 1; }
        }
        """;

    private const string OtherFile = """
        namespace Samples;
        public class Other { public int Value() => 1; }
        """;

    /// <summary>NetGen's own per-network steps; ReportDiagnostics sees the Compilation by design (see NetworkGenerator).</summary>
    private static readonly string[] CachedSteps = { TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Specs, TrackingNames.HintNames, TrackingNames.Outputs };

    private static GeneratorRunResult RunTwice(Func<CSharpCompilation, CSharpCompilation> edit, out GeneratorRunResult first)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(NetworkFile, OtherFile);
        GeneratorDriver driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        first = driver.GetRunResult().Results.Single();
        driver = driver.RunGenerators(edit(compilation));
        return driver.GetRunResult().Results.Single();
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, int file, string from, string to)
    {
        SyntaxTree tree = compilation.SyntaxTrees.ElementAt(file);
        string text = tree.GetText().ToString();
        Assert.Contains(from, text);
        SyntaxTree edited = tree.WithChangedText(SourceText.From(text.Replace(from, to)));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static void AssertNothingNew(GeneratorRunResult first, GeneratorRunResult second)
    {
        foreach (string step in CachedSteps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            var reasons = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
        // The source output (fed by Specs) re-ran nothing; only the diagnostics reporter ran again.
        var sourceOutputs = second.TrackedOutputSteps["SourceOutput"]
            .Where(s => s.Inputs.All(i => i.Source.Name != TrackingNames.ReportDiagnostics))
            .SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output: {r}"));

        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void An_edit_in_another_file_leaves_every_step_cached()
    {
        GeneratorRunResult second = RunTwice(c => Edit(c, 1, "Value() => 1", "Value() => 1 + 41"), out GeneratorRunResult first);
        AssertNothingNew(first, second);
        // Parse re-runs on any edit (ForAttributeWithMetadataName re-binds with the new compilation) and
        // finds an equal model, so everything after it is taken from the cache.
        Assert.All(second.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(second.TrackedSteps[TrackingNames.Diagnostics].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_edit_of_a_method_body_in_the_network_class_reparses_to_an_equal_model()
    {
        GeneratorRunResult second = RunTwice(c => Edit(c, 0, "return 1;", "return 1 + 41 * 2;"), out GeneratorRunResult first);
        AssertNothingNew(first, second);
        // The class's file changed, so Parse ran again, and found the model unchanged.
        Assert.Contains(second.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Diagnostics_follow_an_edit_above_them_to_their_new_place()
    {
        // Inserting lines above moves NG0010's span: the model changes (it carries spans), and the
        // reported location is where the text now is.
        GeneratorRunResult second = RunTwice(c => Edit(c, 0, "namespace Samples;", "namespace Samples;\n// a comment\n// another"), out _);
        Diagnostic malformed = Assert.Single(second.Diagnostics, d => d.Id == "NG0010");
        Assert.Equal("x", malformed.Location.SourceTree!.GetText().ToString(malformed.Location.SourceSpan));
        Assert.Equal(4, malformed.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_change_to_the_attribute_regenerates()
    {
        GeneratorRunResult second = RunTwice(c => Edit(c, 0, "\"2-2-2\"", "\"2-3-2\""), out GeneratorRunResult first);
        Assert.Contains(second.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(first.GeneratedSources.Single().SourceText.ToString(), second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_compilations_or_locations()
    {
        GeneratorRunResult run = RunTwice(c => c, out _);
        int values = 0;
        foreach (string step in CachedSteps)
        {
            foreach (IncrementalGeneratorRunStep runStep in run.TrackedSteps[step])
            {
                foreach (var (value, _) in runStep.Outputs)
                {
                    values++;
                    AssertPlainData(value, $"{step} output", new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
        Assert.True(values >= 5, $"only {values} outputs were inspected");
    }

    private static readonly Type[] Forbidden =
        { typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(Diagnostic) };

    /// <summary>Walks an object graph and fails on any Roslyn object that would pin a compilation.</summary>
    private static void AssertPlainData(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is TextSpan or LinePositionSpan or LinePosition)
        {
            return;
        }
        Type type = value.GetType();
        Type? bad = Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
        Assert.True(bad is null, $"{path} is a {type.Name} ({bad?.Name})");
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }
        if (value is IEnumerable items)
        {
            int k = 0;
            foreach (object? item in items)
            {
                AssertPlainData(item, $"{path}[{k++}]", seen);
            }
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertPlainData(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
