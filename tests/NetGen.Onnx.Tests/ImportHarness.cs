extern alias GeneratorLibrary;

using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Runs the real generator in-process over C# declarations and .onnx files written to a temporary
/// folder, as the compiler would with AdditionalFiles items, then compiles and loads the result.
/// </summary>
internal sealed class ImportHarness : IDisposable
{
    private static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NetGen.Activation).Assembly.Location))
            .ToImmutableArray();

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly List<AdditionalText> _models = new();

    public string Folder { get; } = Directory.CreateTempSubdirectory("netgen-onnx-").FullName;

    /// <summary>Writes a model file that the next run lists as an AdditionalFiles item.</summary>
    public string AddModel(string relativePath, byte[] bytes)
    {
        string path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        _models.Add(new BinaryFile(path));
        return path;
    }

    /// <summary>Lists a path the test made itself (a link, a pipe, a folder) as an AdditionalFiles item, as a project may.</summary>
    public string List(string relativePath)
    {
        string path = Path.Combine(Folder, relativePath);
        _models.Add(new BinaryFile(path));
        return path;
    }

    /// <summary>Rewrites a model listed before and returns the old and new additional files, as an IDE would after an edit.</summary>
    public (AdditionalText Old, AdditionalText New) ReplaceModel(string relativePath, byte[] bytes)
    {
        string path = Path.Combine(Folder, relativePath);
        AdditionalText old = _models.Single(m => m.Path == path);
        File.WriteAllBytes(path, bytes);
        var replacement = new BinaryFile(path);
        _models[_models.IndexOf(old)] = replacement;
        return (old, replacement);
    }

    public GeneratorDriver Driver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new GeneratorLibrary::NetGen.Generator.NetworkGenerator().AsSourceGenerator() },
            additionalTexts: _models,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static CSharpCompilation Compilation(string source) =>
        CSharpCompilation.Create(
            "Imported" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "User.cs") },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable));

    public (GeneratorDriverRunResult Run, Compilation Output) Run(string source)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(source), out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The generator's diagnostics with the given ID.</summary>
    public List<Diagnostic> Diagnostics(string source, string id) =>
        Run(source).Run.Diagnostics.Where(d => d.Id == id).ToList();

    /// <summary>Generates, compiles (without errors or warnings) and loads <paramref name="source"/>.</summary>
    public Assembly CompileAndLoad(string source)
    {
        var (run, output) = Run(source);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext(output.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>
    /// A file on disk listed as an additional file. Reading it as text fails the test: NetGen must read
    /// .onnx files as bytes, because the compiler reports binary additional files read as text (CS2015).
    /// </summary>
    private sealed class BinaryFile(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"{Path} was read as text; an .onnx model must be read as bytes.");
    }
}
