using System.Diagnostics;
using System.Threading;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace NetGen.Generator.Tests.Fuzz;

/// <summary>
/// The generator runs on every keystroke in its users' IDE, so it must never throw, whatever is typed.
/// Random declarations (see <see cref="DeclarationGen"/>) go through the real generator driver in
/// batches of one file each; every batch must give no generator exception (CS8784/CS8785), no error or
/// warning in generated code, no error in the user's code that the same code without NetGen does not
/// have, and for each declaration either generated code or a diagnostic saying why not.
/// </summary>
public class GeneratorFuzzTests
{
    private const int DeclarationsPerFile = 400;

    /// <summary>How many generated files per file of declarations are compiled with their method bodies.</summary>
    private const int BodiesPerFile = 3;

    /// <summary>
    /// Files of <see cref="DeclarationsPerFile"/> declarations: NETGEN_FUZZ_FILES when set; else the full 250
    /// (100,000 cases, about a minute of two idle cores) under CI (CI=true, as .ci/run and hosted CI set it);
    /// else 15 (6,000 cases, about 25 s on two idle cores), so that a local `dotnet test` stays quick.
    /// </summary>
    private static readonly int Files =
        int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_FILES"), out int files) && files > 0 ? files
        : string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? 250
        : 15;

    private static readonly int Threads = int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_THREADS"), out int threads) ? threads : 2;

    private readonly ITestOutputHelper _output;

    public GeneratorFuzzTests(ITestOutputHelper output) => _output = output;

    private static readonly Gen<FuzzCase[]> Batch =
        DeclarationGen.Declaration.Array[DeclarationsPerFile].Select(declarations => declarations.Select((d, i) => d.At(i)).ToArray());

    [Fact]
    public void Random_declarations_never_crash_the_generator_and_always_compile_or_explain_why()
    {
        int cases = 0, generated = 0, refused = 0;
        Timings.Clear();
        var clock = Stopwatch.StartNew();
        Batch.Sample(batch =>
        {
            var (g, r) = Check(batch);
            Interlocked.Add(ref cases, batch.Length);
            Interlocked.Add(ref generated, g);
            Interlocked.Add(ref refused, r);
        }, iter: Files, threads: Threads, print: batch => $"a file of {batch.Length} declarations (the failing one is in the message above)");
        _output.WriteLine($"largest generated file: {LargestFile / 1024:N0} KB");
        _output.WriteLine($"{cases:N0} declarations in {clock.Elapsed.TotalSeconds:F1} s ({Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s of CPU for the process): {generated:N0} generated code, {refused:N0} refused with a diagnostic.");
        _output.WriteLine("time per phase, summed over threads: " + string.Join(", ", Timings.Select(t => $"{t.Key} {t.Value / 1000.0:F1} s")));
        Assert.True(cases >= Files * DeclarationsPerFile, $"only {cases} cases ran of the {Files * DeclarationsPerFile} asked for");
        Assert.True(generated > cases / 20, $"only {generated} of {cases} declarations generated code: the fuzz barely reaches the emitter");
    }

    private static int LargestFile;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> Timings = new();

    private static T Timed<T>(string phase, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        T result = action();
        Timings.AddOrUpdate(phase, clock.ElapsedMilliseconds, (_, total) => total + clock.ElapsedMilliseconds);
        return result;
    }

    /// <summary>Checks one file of declarations; returns how many generated code and how many were refused.</summary>
    internal static (int Generated, int Refused) Check(FuzzCase[] batch)
    {
        string source = DeclarationGen.Prelude + string.Concat(batch.Select(c => c.Text));
        CSharpCompilation compilation = GeneratorHarness.Compilation(source);
        SyntaxTree userTree = compilation.SyntaxTrees.Single();
        // The fuzz's user code is declarations (its few method bodies are trivial), so declaration
        // diagnostics are where NetGen's generated part can meet it; they are also far cheaper to compute.
        var baseline = Timed("user code without NetGen", () => userTree.GetDiagnostics().Concat(compilation.GetDeclarationDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
        // Where the user's code is already in error without NetGen (the error may change once the generated
        // part exists, e.g. CS0535 "not implemented" becomes CS0738 "wrong return type").
        var baselineSpans = baseline.Select(d => d.Location.SourceSpan).ToHashSet();

        Compilation output = compilation;
        System.Collections.Immutable.ImmutableArray<Diagnostic> driverDiagnostics = default;
        GeneratorDriver driver = Timed("generate", () => GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out output, out driverDiagnostics));
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.True(run.Exception is null, $"The generator threw: {run.Exception}\n{CasesNamedIn(batch, run.Exception?.Message)}");
        Diagnostic? crash = driverDiagnostics.Concat(run.Diagnostics).FirstOrDefault(d => d.Id is "CS8784" or "CS8785");
        Assert.True(crash is null, $"The generator failed: {crash}\n{CasesNamedIn(batch, crash?.GetMessage())}");

        // No error or warning in generated code, and no new error in the user's code. Declarations (members,
        // signatures, base types, interfaces) are where generated code meets the user's class: all are
        // checked. Generated method bodies use only their own members, locals and global::-qualified names,
        // so they depend on the network alone: a sample of files is compiled whole.
        var generatedTrees = output.SyntaxTrees.Where(t => t != userTree).ToList();
        int stride = generatedTrees.Count / BodiesPerFile + 1;
        var problems = Timed("declarations with NetGen", () => output.GetDeclarationDiagnostics().ToList());
        problems.AddRange(Timed("generated method bodies (sample)", () =>
            generatedTrees.Where((_, i) => i % stride == 0).SelectMany(t => output.GetSemanticModel(t).GetMethodBodyDiagnostics()).ToList()));
        foreach (Diagnostic d in problems.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            SyntaxTree? tree = d.Location.SourceTree;
            if (tree is not null && tree != userTree)
            {
                Assert.Fail($"Generated code has {d.Severity} {d}\n{CaseOfGenerated(batch, tree)}\n--- generated line ---\n{LineOf(d)}");
            }
            if (d.Severity == DiagnosticSeverity.Error && !baselineSpans.Contains(d.Location.SourceSpan))
            {
                Assert.Fail($"NetGen's code causes {d} in the user's code:\n{CaseAt(batch, source, d.Location.SourceSpan.Start)}");
            }
        }
        foreach (GeneratedSourceResult file in run.GeneratedSources)
        {
            int length = file.SourceText.Length;
            int largest;
            while (length > (largest = LargestFile) && Interlocked.CompareExchange(ref LargestFile, length, largest) != largest)
            {
            }
        }

        // Every declaration either generated code or has an error that says why not (NetGen's or the compiler's).
        var generatedNamespaces = run.GeneratedSources.Select(s => NamespaceOf(batch, s.HintName)).ToHashSet();
        var explained = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Concat(baseline)
            .Select(d => CaseIndexAt(batch, source, d.Location.SourceSpan.Start)).ToHashSet();
        int generated = 0, refused = 0;
        for (int i = 0; i < batch.Length; i++)
        {
            bool hasCode = generatedNamespaces.Contains(batch[i].Namespace);
            bool hasError = explained.Contains(i);
            if (!hasCode && !hasError)
            {
                // The message is built only on failure: it asks the compilation for every diagnostic.
                Assert.Fail($"Neither code nor an error for:\n{batch[i].Text}\nNetGen's diagnostics on it: "
                    + string.Join("; ", run.Diagnostics.Where(d => CaseIndexAt(batch, source, d.Location.SourceSpan.Start) == i))
                    + "\ncompiler errors on it: " + string.Join("; ", compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && CaseIndexAt(batch, source, d.Location.SourceSpan.Start) == i)));
            }
            generated += hasCode ? 1 : 0;
            refused += hasError && !hasCode ? 1 : 0;
        }
        return (generated, refused);
    }

    /// <summary>The declarations whose namespace an exception message names (hint names start with it).</summary>
    private static string CasesNamedIn(FuzzCase[] batch, string? message) =>
        message is null ? "" : string.Join("\n", batch.Where(c => message.Contains("'" + c.Namespace + ".", StringComparison.OrdinalIgnoreCase)).Select(c => c.Text));

    /// <summary>The case a generated file belongs to; ignoring case, as a case's sibling declaration (see <see cref="Sibling"/>) flips it.</summary>
    private static string? NamespaceOf(FuzzCase[] batch, string hintName) =>
        batch.Select(c => c.Namespace).FirstOrDefault(ns => hintName.StartsWith(ns + ".", StringComparison.OrdinalIgnoreCase));

    private static int CaseIndexAt(FuzzCase[] batch, string source, int position)
    {
        int start = DeclarationGen.Prelude.Length;
        for (int i = 0; i < batch.Length; i++)
        {
            start += batch[i].Text.Length;
            if (position < start)
            {
                return i;
            }
        }
        return -1;
    }

    private static string CaseAt(FuzzCase[] batch, string source, int position) =>
        CaseIndexAt(batch, source, position) is int i and >= 0 ? batch[i].Text : "(outside every case)";

    private static string CaseOfGenerated(FuzzCase[] batch, SyntaxTree tree) =>
        batch.FirstOrDefault(c => System.IO.Path.GetFileName(tree.FilePath).StartsWith(c.Namespace + ".", StringComparison.OrdinalIgnoreCase))?.Text ?? tree.FilePath;

    private static string LineOf(Diagnostic d)
    {
        var text = d.Location.SourceTree!.GetText();
        return text.Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString();
    }
}
