using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests;

/// <summary>Runs the real generator over source text in-process, and compiles and loads the result.</summary>
internal static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
        Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NetGen.Activation).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(GeneratorHarness).Assembly.Location))
            .ToImmutableArray();

    /// <summary>The symbols the SDK defines for a net10.0 project (the generated code has #if NET9_0_OR_GREATER paths).</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest,
        preprocessorSymbols: FrameworkSymbols(10));

    /// <summary>As <see cref="ParseOptions"/>, for a net8.0 project: NET9_0_OR_GREATER is not defined.</summary>
    public static readonly CSharpParseOptions Net80ParseOptions = new(LanguageVersion.Latest,
        preprocessorSymbols: FrameworkSymbols(8));

    private static IEnumerable<string> FrameworkSymbols(int major) =>
        new[] { "NET", "NETCOREAPP", $"NET{major}_0", "RELEASE" }
            .Concat(Enumerable.Range(5, major - 4).Select(v => $"NET{v}_0_OR_GREATER"))
            .Concat(new[] { "NETCOREAPP3_1_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP2_0_OR_GREATER" });

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "UserAssembly" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"User{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>The generator's run over <paramref name="sources"/> and the compilation with its output added.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Run(params string[] sources)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The generated text of the one network in <paramref name="source"/>.</summary>
    public static string GeneratedText(string source)
    {
        var (run, _) = Run(source);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        return Assert.Single(run.Results.Single().GeneratedSources).SourceText.ToString();
    }

    /// <summary>
    /// Generates code for <paramref name="source"/> as a net8.0 project would (net8.0 reference assemblies, no
    /// NET9_0_OR_GREATER) and returns the errors and warnings of the whole compilation.
    /// </summary>
    /// <remarks>
    /// The runtime library is compiled from its sources into the same compilation (the test project only has its
    /// net10.0 build); problems inside those sources (e.g. a [GeneratedRegex] whose generator does not run here)
    /// are not the generated code's and are left out.
    /// </remarks>
    public static IReadOnlyList<Diagnostic> Net80CompilationProblems(string source)
    {
        string runtime = Path.Combine(RepositoryRoot(), "src", "NetGen");
        var runtimeTrees = Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Net80ParseOptions, path: f));
        var compilation = CSharpCompilation.Create(
            "Net80UserAssembly",
            runtimeTrees.Append(CSharpSyntaxTree.ParseText(source, Net80ParseOptions, path: "User0.cs")),
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: Net80ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return CompilationProblems(output).Where(d => !(d.Location.SourceTree?.FilePath ?? "").StartsWith(runtime, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Errors and warnings of the whole compilation (user code plus generated code).</summary>
    public static IReadOnlyList<Diagnostic> CompilationProblems(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Generates, compiles and loads <paramref name="sources"/> in a collectible context.</summary>
    public static Assembly CompileAndLoad(params string[] sources)
    {
        var (run, output) = Run(sources);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var context = new AssemblyLoadContext(output.AssemblyName, isCollectible: true);
        return context.LoadFromStream(stream);
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
