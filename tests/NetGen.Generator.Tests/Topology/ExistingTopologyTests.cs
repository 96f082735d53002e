using System.Text.RegularExpressions;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using ActivationKind = NetGen.Generator.Model.Activation;

namespace NetGen.Generator.Tests.Topology;

/// <summary>
/// The convolution grammar keeps the meaning of every dense topology: each string literal in the repository's
/// tests, docs and samples that the dense grammar ("4-16:relu-3") accepts parses to the same input count,
/// widths and activations as that grammar, written here as a regular expression, says.
/// </summary>
public class ExistingTopologyTests
{
    private static readonly Regex DenseGrammar = new(
        @"^\s*(?<input>[0-9]+)\s*(?:-\s*(?<width>[0-9]+)\s*(?::\s*(?<activation>[A-Za-z]+)\s*)?)+$", RegexOptions.CultureInvariant);

    private static readonly Regex StringLiteral = new("\"([^\"\\\\\\n]*)\"", RegexOptions.CultureInvariant);

    public static TheoryData<string> DenseTopologies()
    {
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory(), "..", "..", ".."));
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string folder in new[] { "tests", "docs", "samples" })
        {
            string path = System.IO.Path.Combine(root, folder);
            if (!System.IO.Directory.Exists(path))
            {
                continue;
            }
            foreach (string file in System.IO.Directory.EnumerateFiles(path, "*.*", System.IO.SearchOption.AllDirectories)
                .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
                    && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            {
                foreach (Match m in StringLiteral.Matches(System.IO.File.ReadAllText(file)))
                {
                    if (DenseGrammar.IsMatch(m.Groups[1].Value) && m.Groups[1].Value.Contains('-'))
                    {
                        found.Add(m.Groups[1].Value);
                    }
                }
            }
        }
        var data = new TheoryData<string>();
        foreach (string topology in found)
        {
            data.Add(topology);
        }
        return data;
    }

    [Fact]
    public void The_repository_has_many_dense_topologies_to_check() => Assert.True(DenseTopologies().Count >= 40, $"{DenseTopologies().Count} found");

    [Theory]
    [MemberData(nameof(DenseTopologies))]
    public void A_dense_topology_parses_as_before(string topology)
    {
        Match m = DenseGrammar.Match(topology);
        double input = double.Parse(m.Groups["input"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var widths = m.Groups["width"].Captures.Select(c => double.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (tokens, error) = TopologyParser.Parse(topology);
        if (input < 1 || input > TopologyParser.MaxWidth || widths.Any(w => w < 1 || w > TopologyParser.MaxWidth))
        {
            Assert.Equal(TopologyParser.ErrorKind.Width, error?.Kind);
            return;
        }
        string[] names = m.Groups["activation"].Captures.Select(c => c.Value).ToArray();
        if (names.Any(n => !TopologyParser.TryParseActivation(n, out _)))
        {
            Assert.Equal(TopologyParser.ErrorKind.UnknownActivation, error?.Kind);
            return;
        }
        Assert.Null(error);
        var (network, layerError) = TopologyLayers.Build(tokens!, ActivationKind.Tanh, ActivationKind.Sigmoid);
        Assert.Null(layerError);
        Assert.Equal((int)input, network!.InputCount);
        Assert.Equal(0, network.InputShape.Count);
        Assert.Equal(widths.Length, network.Layers.Count);
        for (int k = 0; k < widths.Length; k++)
        {
            LayerSpec layer = network.Layers[k];
            Assert.Equal(Model.LayerKind.Dense, layer.Kind);
            Assert.Equal((int)widths[k], layer.Width);
            Assert.Equal(0, layer.OutputShape.Count);
        }
        // Activations: written ones where written, else tanh for hidden and sigmoid for the output.
        int written = 0;
        var parts = topology.Split('-').Skip(1).ToArray();
        for (int k = 0; k < parts.Length; k++)
        {
            ActivationKind expected = parts[k].Contains(':')
                ? Parse(names[written++])
                : k == parts.Length - 1 ? ActivationKind.Sigmoid : ActivationKind.Tanh;
            Assert.Equal(expected, network.Layers[k].Activation);
        }
    }

    private static ActivationKind Parse(string name)
    {
        TopologyParser.TryParseActivation(name, out ActivationKind activation);
        return activation;
    }

    private static string Directory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => System.IO.Path.GetDirectoryName(path)!;
}
