using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace NetGen.Tests;

/// <summary>
/// What the package's pages must say (issue 16, item 10): every assembly the package carries, ONNX on the
/// package page, and DataSet.Split in the README. Snippets are compiled by NetGen.Generator.Tests' SnippetCompilationTests.
/// </summary>
public class PackageDocumentationTests
{
    private static string Root([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    private static string Read(params string[] parts) => File.ReadAllText(Path.Combine(Root(), Path.Combine(parts)));

    /// <summary>The analyzer assemblies the package targets put in analyzers/dotnet/cs, by project name.</summary>
    private static string[] AnalyzerAssemblies() =>
        Regex.Matches(Read("nuget", "NetGen.Package.targets"), @"<NetGenAnalyzerProject Include=""[^""]*/([^/""]+)\.csproj""")
            .Select(m => m.Groups[1].Value + ".dll").ToArray();

    [Fact]
    public void The_contents_table_and_the_readme_name_every_analyzer_assembly_the_package_carries()
    {
        string[] assemblies = AnalyzerAssemblies();
        Assert.Contains("NetGen.Generator.dll", assemblies);
        Assert.Contains("NetGen.CodeFixes.dll", assemblies);
        string table = Read("nuget", "README.md");
        string readme = Read("README.md");
        Assert.All(assemblies, a => Assert.Contains($"| `analyzers/dotnet/cs/{a}` |", table));
        Assert.All(assemblies, a => Assert.Contains($"`{a}`", readme));
    }

    [Fact]
    public void The_package_page_shows_onnx_export_and_import()
    {
        string page = Read("nuget", "PackageReadme.md");
        Assert.Contains("using NetGen.Onnx;", page);
        Assert.Contains("OnnxExporter.Save(", page);
        Assert.Contains("[Network(OnnxModel = ", page);
    }

    [Fact]
    public void The_readme_documents_and_uses_DataSet_Split_history_Best_and_SynchronousProgress()
    {
        string readme = Read("README.md");
        Assert.Contains("`DataSet<T>.Split(secondFraction, seed)`", readme);
        Assert.Contains(".Split(0.3, seed: 0)", readme);
        Assert.Contains("history.Best.Epoch", readme);
        Assert.Contains("new SynchronousProgress<EpochReport>(", readme);
        Assert.Contains("`System.Progress<T>` posts every report to the thread pool", readme);
    }
}
