using System.IO;
using System.Runtime.CompilerServices;

namespace NetGen.Generator.Tests;

/// <summary>The documentation quotes generated code; the quotes must stay what the generator writes.</summary>
public class DocumentationTests
{
    private static string Root([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [Fact]
    public void Reading_the_generated_code_quotes_the_generated_Backward_verbatim()
    {
        string page = File.ReadAllText(Path.Combine(Root(), "docs", "reading-the-generated-code.md")).Replace("\r\n", "\n");
        string generated = File.ReadAllText(Path.Combine(Root(), "tests", "NetGen.Generator.Tests", "Snapshots", "WorkedExample_2_2_2.verified.cs"));
        var generatedLines = generated.Split('\n').Select(l => l.Trim()).ToHashSet();

        // The walkthrough's code blocks, from "1. Forward pass" up to the section on Explain.
        int start = page.IndexOf("## 1. Forward pass", StringComparison.Ordinal);
        int end = page.IndexOf("## Every number", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        string[] blocks = page[start..end].Split("```csharp\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).ToArray();
        Assert.True(blocks.Length >= 10, $"only {blocks.Length} code blocks");
        var quoted = blocks.SelectMany(b => b.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0 && l != "...").ToList();
        Assert.All(quoted, line => Assert.True(generatedLines.Contains(line), $"The page quotes a line the generator does not write: {line}"));
    }

    [Fact]
    public void Reading_the_generated_code_quotes_the_generated_GRU_verbatim()
    {
        string page = File.ReadAllText(Path.Combine(Root(), "docs", "reading-the-generated-code.md")).Replace("\r\n", "\n");
        string generated = File.ReadAllText(Path.Combine(Root(), "tests", "NetGen.Generator.Tests", "Snapshots", "UnrolledGru.verified.cs"));
        var generatedLines = generated.Split('\n').Select(l => l.Trim()).ToHashSet();

        int start = page.IndexOf("## 8. Recurrent layers", StringComparison.Ordinal);
        int end = page.IndexOf("## Every number", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        string[] blocks = page[start..end].Split("```\n").Where((_, k) => k % 2 == 1).ToArray();
        Assert.True(blocks.Length >= 6, $"only {blocks.Length} code blocks");
        var quoted = blocks.SelectMany(b => b.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.All(quoted, line => Assert.True(generatedLines.Contains(line), $"The page quotes a line the generator does not write: {line}"));
    }
}
