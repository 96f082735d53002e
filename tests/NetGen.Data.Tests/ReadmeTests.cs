using System.Runtime.CompilerServices;

namespace NetGen.Data.Tests;

/// <summary>The README's "Loading data" snippet is the code compiled in <see cref="ReadmeSnippet"/>.</summary>
public class ReadmeTests
{
    [Fact]
    public void The_loading_data_snippet_is_the_compiled_one()
    {
        string folder = Path.GetDirectoryName(ThisFile())!;
        string readme = File.ReadAllText(Path.Combine(folder, "..", "..", "README.md"));
        int section = readme.IndexOf("## Loading data", StringComparison.Ordinal);
        int start = readme.IndexOf("```csharp", section, StringComparison.Ordinal) + "```csharp".Length;
        string snippet = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        // The statements between the usings and the network's declaration (IrisNet comes from the Iris sample here).
        string[] statements = Lines(snippet)
            .Where(l => !l.StartsWith("using ", StringComparison.Ordinal))
            .TakeWhile(l => !l.StartsWith("[Network(", StringComparison.Ordinal))
            .ToArray();

        string source = File.ReadAllText(Path.Combine(folder, "ReadmeSnippet.cs"));
        int from = source.IndexOf("// --- snippet ---", StringComparison.Ordinal);
        string[] compiled = Lines(source[from..source.IndexOf("// --- end ---", StringComparison.Ordinal)]).Skip(1).ToArray();

        Assert.Equal(compiled, statements);
        Assert.Contains("public partial class IrisNet { }", snippet);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
