using System.IO;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Benchmarks;

/// <summary>
/// How long each step between typing a [Network] attribute and running it takes, per topology: the
/// generator (parse, plan, emit), the C# compiler binding the generated code (what an IDE does for
/// diagnostics), emitting IL, and the JIT compiling the entry points on first call. The generator is the
/// repository's own build (src/NetGen.Generator), warmed up first, as it is in a running IDE.
/// </summary>
internal static class CompileTime
{
    private static readonly string[] Topologies = { "2-2-2", "4-8-3", "16-16-4", "64-32-10", "784-128-10" };

    public static void Run()
    {
        IIncrementalGenerator generator = LoadGenerator();
        MetadataReference[] references = Basic.Reference.Assemblies.Net100.References.All
            .Append(MetadataReference.CreateFromFile(typeof(INetwork<,>).Assembly.Location))
            .ToArray();
        var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER" });

        Measure(generator, references, parse, "2-2-2", "double", out _); // Warm-up: load and JIT Roslyn and the generator.
        Console.WriteLine("| topology | precision | style | generated lines | generator | compiler (bind) | emit IL | JIT + first TrainBatch |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (string topology in Topologies)
        {
            foreach (string precision in new[] { "double", "float" })
            {
                Console.WriteLine(Measure(generator, references, parse, topology, precision, out _));
            }
        }
    }

    private static string Measure(IIncrementalGenerator generator, MetadataReference[] references, CSharpParseOptions parse,
        string topology, string precision, out TimeSpan total)
    {
        string source = $$"""
            using NetGen;
            [Network("{{topology}}", Activation.Sigmoid, Precision = Precision.{{(precision == "float" ? "Single" : "Double")}})]
            public partial class Net { }
            """;
        var compilation = CSharpCompilation.Create("CompileTime" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source, parse) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));

        var clock = Stopwatch.StartNew();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        TimeSpan generate = clock.Elapsed;

        clock.Restart();
        var problems = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        TimeSpan bind = clock.Elapsed;
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        clock.Restart();
        using var stream = new MemoryStream();
        output.Emit(stream);
        TimeSpan emit = clock.Elapsed;

        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext(null, isCollectible: true);
        Type type = context.LoadFromStream(stream).GetType("Net")!;
        object net = Activator.CreateInstance(type)!;
        clock.Restart();
        FirstCall(type, net, precision);
        TimeSpan jit = clock.Elapsed;
        context.Unload();

        string text = driver.GetRunResult().Results[0].GeneratedSources[0].SourceText.ToString();
        int lines = text.Count(c => c == '\n');
        string style = text.Contains("Code: unrolled", StringComparison.Ordinal) ? "unrolled" : "loops";
        total = generate + bind + emit;
        return $"| {topology} | {precision} | {style} | {lines:N0} | {Ms(generate)} | {Ms(bind)} | {Ms(emit)} | {Ms(jit)} |";
    }

    /// <summary>Calls TrainBatch once on 8 zero samples: the JIT compiles it with Backward and BackwardLanes.</summary>
    private static void FirstCall(Type type, object net, string precision)
    {
        MethodInfo first = typeof(CompileTime).GetMethod(nameof(FirstCallOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type, precision == "float" ? typeof(float) : typeof(double));
        first.Invoke(null, new[] { net });
    }

    private static void FirstCallOf<TNet, T>(TNet net)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var inputs = new T[8 * TNet.InputCount];
        var targets = new T[8 * TNet.OutputCount];
        net.TrainBatch(inputs, targets, T.CreateTruncating(0.1));
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms";

    /// <summary>The generator as built in this repository (it is this project's analyzer, not a referenced assembly).</summary>
    private static IIncrementalGenerator LoadGenerator([System.Runtime.CompilerServices.CallerFilePath] string path = "")
    {
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
        string dll = Directory.EnumerateFiles(Path.Combine(root, "src", "NetGen.Generator", "bin"), "NetGen.Generator.dll", SearchOption.AllDirectories)
            .OrderByDescending(f => f.Contains("Release", StringComparison.Ordinal))
            .ThenByDescending(File.GetLastWriteTimeUtc)
            .First();
        Type type = Assembly.LoadFrom(dll).GetType("NetGen.Generator.NetworkGenerator", throwOnError: true)!;
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }
}
