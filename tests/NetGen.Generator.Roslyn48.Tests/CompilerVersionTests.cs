using System.IO;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests;

/// <summary>
/// Proves that this leg really runs the generator on Roslyn 4.8: a package restore that lifted the compiler
/// (a transitive dependency asking for a newer Microsoft.CodeAnalysis) would pass every other test silently.
/// </summary>
public class CompilerVersionTests
{
    [Fact]
    public void The_loaded_compiler_is_Roslyn_4_8()
    {
        Assert.Equal(new Version(4, 8, 0, 0), typeof(Compilation).Assembly.GetName().Version);
        Assert.Equal(new Version(4, 8, 0, 0), typeof(CSharpCompilation).Assembly.GetName().Version);
        string? informational = typeof(Compilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        Assert.StartsWith("4.8.0", informational);
    }

    [Fact]
    public void The_generator_runs_in_the_loaded_compiler()
    {
        // The generator was built against 4.8 too; what matters is that it binds to the 4.8 assembly loaded here.
        AssemblyName referenced = typeof(NetworkGenerator).Assembly.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.CodeAnalysis");
        Assert.True(referenced.Version <= typeof(Compilation).Assembly.GetName().Version,
            $"The generator references Microsoft.CodeAnalysis {referenced.Version}, newer than the 4.8 compiler it must load in.");
        var (run, output) = GeneratorHarness.Run("using NetGen;\n[Network(\"2-2-2\", Activation.Sigmoid)]\npublic partial class Net { }");
        Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Single(run.Results.Single().GeneratedSources);
        // Roslyn 4.8 knows C# 12 at most, the language a net8.0 project gets: the generated code must compile in it.
        Assert.Equal(LanguageVersion.CSharp12, GeneratorHarness.ParseOptions.LanguageVersion);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
    }

    [Fact]
    public void The_references_come_from_the_installed_targeting_pack()
    {
        Assert.Contains(Basic.Reference.Assemblies.Net100.References.All, r => Path.GetFileName(r.FilePath) == "System.Runtime.dll");
        Assert.Contains(Path.Combine("packs", "Microsoft.NETCore.App.Ref"), Basic.Reference.Assemblies.ReferencePack.Directory(10));
    }
}
