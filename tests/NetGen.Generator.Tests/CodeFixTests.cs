using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.CodeFixes;

namespace NetGen.Generator.Tests;

/// <summary>
/// The "Make partial" code fix, applied as the IDE applies it: the generator reports NG0001/NG0002 on a
/// workspace document, the fix's code action changes the solution, and the fixed code then generates.
/// </summary>
public class CodeFixTests
{
    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("User", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithMetadataReferences(Basic.Reference.Assemblies.Net100.References.All
                .Append(MetadataReference.CreateFromFile(typeof(NetGen.Activation).Assembly.Location)));
        return project.AddDocument("Net.cs", SourceText.From(source), filePath: "/src/Net.cs");
    }

    private static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnostics(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        return driver.GetRunResult().Diagnostics;
    }

    /// <summary>Applies the fix for the one <paramref name="id"/> diagnostic; returns the fixed text and the action's title.</summary>
    private static async Task<(string Text, string Title, Document Fixed)> Fix(string source, string id)
    {
        Document document = CreateDocument(source);
        Diagnostic diagnostic = Assert.Single(await GeneratorDiagnostics(document), d => d.Id == id);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        var fix = new MakePartialCodeFix();
        Assert.Contains(id, fix.FixableDiagnosticIds);
        await fix.RegisterCodeFixesAsync(context);
        CodeAction action = Assert.Single(actions);
        ApplyChangesOperation apply = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
        Document changed = apply.ChangedSolution.GetDocument(document.Id)!;
        return ((await changed.GetTextAsync()).ToString(), action.Title, changed);
    }

    [Fact]
    public async Task Make_partial_fixes_NG0001_and_the_class_then_generates()
    {
        const string source = """
            using NetGen;
            namespace Samples;
            /// <summary>The worked example.</summary>
            [Network("2-2-2", Activation.Sigmoid)]
            public sealed class SeedNet { }
            """;
        var (text, title, changed) = await Fix(source, "NG0001");
        Assert.Equal(source.Replace("public sealed class", "public sealed partial class"), text);
        Assert.Equal("Make 'SeedNet' partial", title);

        var after = await GeneratorDiagnostics(changed);
        Assert.DoesNotContain(after, d => d.Severity == DiagnosticSeverity.Error);
        Compilation compilation = (await changed.Project.GetCompilationAsync())!;
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        Assert.Equal(2, output.SyntaxTrees.Count());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task Make_partial_keeps_the_leading_comment_and_attribute_of_a_class_without_modifiers()
    {
        const string source = "using NetGen;\n// A network.\n[Network(\"2-2\", Activation.Sigmoid)]\nclass Net { }\n";
        var (text, _, _) = await Fix(source, "NG0001");
        Assert.Equal("using NetGen;\n// A network.\n[Network(\"2-2\", Activation.Sigmoid)]\npartial class Net { }\n", text);
    }

    [Fact]
    public async Task Make_partial_fixes_NG0002_on_every_enclosing_type()
    {
        const string source = """
            using NetGen;
            public static class Outer
            {
                internal class Middle
                {
                    [Network("2-2", Activation.Sigmoid)]
                    public partial class Net { }
                }
            }
            """;
        var (text, title, changed) = await Fix(source.Replace("internal class Middle", "internal partial class Middle"), "NG0002");
        Assert.Contains("public static partial class Outer", text);
        Assert.Equal("Make 'Outer' partial", title);
        Assert.DoesNotContain(await GeneratorDiagnostics(changed), d => d.Severity == DiagnosticSeverity.Error);

        // Two enclosing types without 'partial': the generator reports each; one fix makes both partial.
        Document document = CreateDocument(source);
        Diagnostic first = (await GeneratorDiagnostics(document)).First(d => d.Id == "NG0002");
        var actions = new List<CodeAction>();
        await new MakePartialCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => actions.Add(a), CancellationToken.None));
        Assert.Equal("Make 'Middle', 'Outer' partial", Assert.Single(actions).Title);
    }
}
