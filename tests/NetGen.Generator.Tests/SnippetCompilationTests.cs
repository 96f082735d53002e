using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests;

/// <summary>
/// Every C# block of the README, docs/ and the package's pages compiles as a reader would use it, with the
/// real generator (issue 16, item 8): a block copied into a new console project (implicit usings, plus
/// <c>using NetGen;</c>, which every user writes) must build. Anything else it needs must be in the block:
/// a missing <c>using NetGen.Onnx;</c> is CS0103 here as in the reader's project.
/// <list type="bullet">
/// <item>A block may use the types the other blocks of its page declare (a page is read top to bottom).</item>
/// <item>A fragment that uses variables the prose introduces says so in an HTML comment on the line before it,
/// invisible on GitHub: <c>&lt;!-- snippet-context: var net = new SeedNet(); --&gt;</c>; those statements come first.</item>
/// <item>A block that quotes generated code (every line, bar "...", is in the worked example's snapshot) is
/// checked as a quote instead: it must be the generator's text.</item>
/// <item>On a diagnostic's page (docs/diagnostics/NGxxxx.md) each block stands alone and may report only the
/// diagnostics it names; at least one block of the page must report the page's own. The ONNX pages' blocks see
/// one model, iris.onnx (4-8:tanh-3:softmax), as NG0204's page describes.</item>
/// </list>
/// </summary>
public class SnippetCompilationTests
{
    private static string Root([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    private static readonly string[] ImplicitUsings =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks", "NetGen",
    };

    /// <summary>
    /// The model NG0204's page describes ("4-8:tanh-3:softmax", as iris.onnx), exported by NetGen itself from a
    /// network compiled here, so that its block meets the contradiction it shows rather than a missing file.
    /// </summary>
    private static readonly Lazy<string> IrisModel = new(() =>
    {
        Assembly assembly = GeneratorHarness.CompileAndLoad(
            "using NetGen;\n[Network(\"4-8-3\", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]\npublic partial class IrisModel { }\n");
        Type net = assembly.GetType("IrisModel")!;
        MethodInfo toBytes = typeof(NetGen.Onnx.OnnxExporter).GetMethods()
            .Single(m => m.Name == nameof(NetGen.Onnx.OnnxExporter.ToBytes) && m.GetParameters().Length == 1)
            .MakeGenericMethod(net, typeof(double));
        // Beside the test assembly, rewritten each run, so that no run leaves a temporary folder behind.
        string path = Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "snippet-models")).FullName, "iris.onnx");
        File.WriteAllBytes(path, (byte[])toBytes.Invoke(null, new[] { Activator.CreateInstance(net) })!);
        return path;
    });

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NetGen.Activation).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(NetGen.Data.Csv).Assembly.Location))
            .ToImmutableArray());

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        string root = Root();
        foreach (string file in new[] { "README.md", Path.Combine("nuget", "README.md"), Path.Combine("nuget", "PackageReadme.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal))
        {
            pages.Add(file.Replace('\\', '/'));
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_compiles_as_a_reader_would_use_it(string page)
    {
        string text = File.ReadAllText(Path.Combine(Root(), page)).Replace("\r\n", "\n");
        List<Block> blocks = Blocks(text).ToList();
        string? diagnosticId = Regex.Match(page, @"diagnostics/(NG\d{4})\.md$") is { Success: true } m ? m.Groups[1].Value : null;
        HashSet<string> quoteLines = SnapshotLines();

        var failures = new List<string>();
        var reported = new HashSet<string>();
        List<Block> code = blocks.Where(b => !IsQuote(b, quoteLines)).ToList();
        foreach (Block block in code)
        {
            string source = diagnosticId is null ? block.Code : GiveAttributesAClass(block.Code);
            // The block's own types win; of a type several blocks declare (IrisNet, say), the first on the page.
            HashSet<string> taken = DeclaredTypes(source);
            IEnumerable<string> context = diagnosticId is null
                ? code.Where(other => other != block).Select(other => TypeDeclarationsOnly(other.Code, taken, block.Context + source)).ToList()
                : Enumerable.Empty<string>();
            // A diagnostic page's blocks get only the iris.onnx NG0204's describes: NG0200's shows what happens without one.
            IReadOnlyList<Diagnostic> diagnostics = Compile(block.Context + source, context,
                diagnosticId is null ? Path.Combine(Root(), "samples", "OnnxScorer", "Models", "scorer.onnx") : IrisModel.Value);
            reported.UnionWith(diagnostics.Select(d => d.Id));

            var allowed = new HashSet<string>(Regex.Matches(block.Code, @"NG\d{4}").Select(x => x.Value));
            if (diagnosticId is not null)
            {
                allowed.Add(diagnosticId);
            }
            foreach (Diagnostic d in diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && (d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("NG", StringComparison.Ordinal))))
            {
                if (!(d.Id.StartsWith("NG", StringComparison.Ordinal) && allowed.Contains(d.Id)))
                {
                    failures.Add($"{page}:{block.Line}: {d}");
                }
            }
        }
        Assert.True(failures.Count == 0, "Blocks that do not compile as written:\n" + string.Join("\n", failures));
        if (diagnosticId is not null && code.Count > 0)
        {
            Assert.True(reported.Contains(diagnosticId), $"No block of {page} reports {diagnosticId}; reported: {string.Join(", ", reported.Order())}");
        }
    }

    [Fact]
    public void The_pages_have_blocks_and_quotes_are_recognised()
    {
        // A guard on the test itself: it must see the README's blocks, and tell its quote of Backward from code.
        string readme = File.ReadAllText(Path.Combine(Root(), "README.md")).Replace("\r\n", "\n");
        List<Block> blocks = Blocks(readme).ToList();
        Assert.True(blocks.Count >= 5, $"{blocks.Count} blocks");
        Assert.Contains(blocks, b => IsQuote(b, SnapshotLines()) && b.Code.Contains("dE_dout_o1", StringComparison.Ordinal));
        Assert.Contains(blocks, b => !IsQuote(b, SnapshotLines()) && b.Code.Contains("OnnxExporter.Save", StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_that_lacks_a_using_fails_here_as_in_a_readers_project()
    {
        IReadOnlyList<Diagnostic> diagnostics = Compile("var net = new IrisNet();\nOnnxExporter.Save(net, \"iris.onnx\");\n",
            new[] { "[Network(\"4-8-3\", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]\npublic partial class IrisNet { }\n" });
        Assert.Contains(diagnostics, d => d.Id == "CS0103" && d.GetMessage().Contains("OnnxExporter", StringComparison.Ordinal));
    }

    private sealed record Block(string Code, string Context, int Line);

    /// <summary>The ```csharp blocks of a page, each with the snippet-context comment just above it, if any.</summary>
    private static IEnumerable<Block> Blocks(string page)
    {
        string[] lines = page.Split('\n');
        for (int k = 0; k < lines.Length; k++)
        {
            if (lines[k].Trim() is not ("```csharp" or "```cs" or "```c#"))
            {
                continue;
            }
            string context = "";
            if (k > 0 && Regex.Match(lines[k - 1], @"^<!--\s*snippet-context:(.*)-->\s*$") is { Success: true } c)
            {
                context = c.Groups[1].Value.Trim() + "\n";
            }
            int end = Array.FindIndex(lines, k + 1, l => l.Trim() == "```");
            Assert.True(end > k, $"a code block opened on line {k + 1} is never closed");
            yield return new Block(string.Join("\n", lines[(k + 1)..end]) + "\n", context, k + 1);
            k = end;
        }
    }

    private static HashSet<string> SnapshotLines() =>
        File.ReadAllLines(Path.Combine(Root(), "tests", "NetGen.Generator.Tests", "Snapshots", "WorkedExample_2_2_2.verified.cs"))
            .Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every line but "..." is the generator's own text: the block quotes generated code rather than showing code to write.</summary>
    private static bool IsQuote(Block block, HashSet<string> snapshot)
    {
        string[] lines = block.Code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "...").ToArray();
        return lines.Length > 0 && lines.All(snapshot.Contains);
    }

    /// <summary>A diagnostic page may show an attribute alone (<c>[Network("2-x-2", ...)]</c>): give each such line a class.</summary>
    private static string GiveAttributesAClass(string code)
    {
        if (Regex.IsMatch(code, @"\b(class|record|struct|interface)\b"))
        {
            return code;
        }
        int n = 0;
        return Regex.Replace(code, @"^(\s*\[Network\(.*\)\])(.*)$", match => $"{match.Groups[1].Value} public partial class Snippet{++n} {{ }} {match.Groups[2].Value}", RegexOptions.Multiline);
    }

    private static HashSet<string> DeclaredTypes(string code) =>
        CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions).GetRoot().DescendantNodes()
            .OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The using directives and top-level type declarations of another block that <paramref name="user"/> names,
    /// minus the types in <paramref name="taken"/> (declared by the block itself or already taken from another
    /// block), to which it adds those it takes. Only types the block names: each network is generated once per
    /// block that uses it, not once per block of the page.
    /// </summary>
    private static string TypeDeclarationsOnly(string code, HashSet<string> taken, string user)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions).GetRoot();
        List<BaseTypeDeclarationSyntax> types = root.Members.OfType<BaseTypeDeclarationSyntax>()
            .Where(t => !taken.Contains(t.Identifier.ValueText) && Regex.IsMatch(user, $@"\b{Regex.Escape(t.Identifier.ValueText)}\b"))
            .ToList();
        taken.UnionWith(types.Select(t => t.Identifier.ValueText));
        return string.Concat(root.Usings.Select(u => u.ToFullString())) + string.Concat(types.Select(t => t.ToFullString()));
    }

    /// <summary>The block (a console program when it has statements) and its page's declarations, with the generator run over them.</summary>
    private static IReadOnlyList<Diagnostic> Compile(string block, IEnumerable<string> context, string? model = null)
    {
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using {u};\n")), GeneratorHarness.ParseOptions, path: "GlobalUsings.cs"),
            CSharpSyntaxTree.ParseText(block, GeneratorHarness.ParseOptions, path: "Snippet.cs"),
        };
        trees.AddRange(context.Select((c, i) => CSharpSyntaxTree.ParseText(c, GeneratorHarness.ParseOptions, path: $"Page{i}.cs")));
        bool program = ((CompilationUnitSyntax)trees[1].GetRoot()).Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create("Snippet", trees, References.Value,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            additionalTexts: model is null ? Array.Empty<AdditionalText>() : new AdditionalText[] { new ModelFile(model) },
            parseOptions: GeneratorHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        // The reader's code only: binding the generated bodies (thousands of lines for a large unrolled network) is
        // the generator tests' job, and would make this test take minutes.
        return generatorDiagnostics.Concat(trees.SelectMany(tree => output.GetSemanticModel(tree).GetDiagnostics())).ToList();
    }

    /// <summary>An ONNX model as an AdditionalFiles item (the shipped Models/scorer.onnx that the ONNX blocks name, or iris.onnx).</summary>
    private sealed class ModelFile(string path) : AdditionalText
    {
        public override string Path => path;

        // The generator reads a model's bytes from Path itself (OnnxImportPipeline); a model is not text.
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From("");
    }
}
