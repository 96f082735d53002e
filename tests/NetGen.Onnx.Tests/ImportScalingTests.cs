using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;
using static NetGen.Onnx.Tests.Crafted;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Import takes time and memory linear in the model. A chain of 100,000 Identity nodes took 681 s when
/// each step scanned every node; one 4 MB initializer reused by 200 Gemm layers reached 6.8 GB before
/// NG0015, because each layer copied it before the network's size was checked.
/// </summary>
public class ImportScalingTests(ITestOutputHelper output)
{
    [Fact]
    public void A_chain_of_100000_Identity_nodes_imports_in_linear_time()
    {
        const int chain = 100_000;
        var nodes = new List<ProtoWriter> { Node("Gemm", new[] { "input", "W" }, "t0", IntAttribute("transB", 1)) };
        for (int k = 0; k < chain; k++)
        {
            nodes.Add(Node("Identity", new[] { "t" + k }, k == chain - 1 ? "output" : "t" + (k + 1)));
        }
        byte[] model = Model(Graph(nodes, new[] { Tensor("W", new long[] { 2, 3 }, FloatType, Values(6, 1)) },
            ValueInfo("input", FloatType, "N", 3), ValueInfo("output", FloatType, "N", 2)));

        var clock = Stopwatch.StartNew();
        var outcome = ImporterProbe.Import(model);
        output.WriteLine($"{chain:N0} Identity nodes ({model.Length / 1024.0 / 1024:F1} MB): imported in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal("3-2:Identity", outcome.Network?.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"import took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void A_graph_over_the_entry_limit_is_refused_as_it_is_read()
    {
        // 200,000 Identity nodes after the Gemm: one node more than a graph may have.
        var graph = new ProtoWriter();
        graph.Message(1, Node("Gemm", new[] { "input", "W" }, "t0", IntAttribute("transB", 1)));
        for (int k = 0; k < 200_000; k++)
        {
            graph.Message(1, Node("Identity", new[] { "t" + k }, k == 199_999 ? "output" : "t" + (k + 1)));
        }
        graph.Message(5, Tensor("W", new long[] { 2, 3 }, FloatType, Values(6, 1)));
        graph.Message(11, ValueInfo("input", FloatType, "N", 3));
        graph.Message(12, ValueInfo("output", FloatType, "N", 2));
        var clock = Stopwatch.StartNew();
        var outcome = ImporterProbe.Import(Model(graph));
        output.WriteLine($"200,001 nodes: {outcome.ErrorKind} in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal("TooLarge", outcome.ErrorKind);
        Assert.Equal("more than 200,000 ONNX nodes", outcome.Detail);
    }

    [Fact]
    public void One_large_initializer_reused_by_200_layers_is_refused_before_it_is_copied()
    {
        const int width = 1000; // [1000, 1000] float: a 4 MB initializer
        var nodes = new List<ProtoWriter>();
        for (int k = 0; k < 200; k++)
        {
            nodes.Add(Node("Gemm", new[] { k == 0 ? "input" : "t" + k, "W" }, k == 199 ? "output" : "t" + (k + 1), IntAttribute("transB", 1)));
        }
        byte[] model = Model(Graph(nodes, new[] { Tensor("W", new long[] { width, width }, FloatType, new double[width * width]) },
            ValueInfo("input", FloatType, "N", width), ValueInfo("output", FloatType, "N", width)));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var outcome = ImporterProbe.Import(model);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"200 layers of one {model.Length / 1024.0 / 1024:F1} MB initializer: {outcome.ErrorKind} in {clock.Elapsed.TotalSeconds:F2} s, {allocated / 1024.0 / 1024:F1} MB allocated");
        Assert.Equal("TooLarge", outcome.ErrorKind);
        Assert.Equal("2,000,000 parameters", outcome.Detail); // refused at the second layer, before the first is decoded
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated:N0} bytes allocated: weights were decoded before the size was checked");

        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", model);
        Diagnostic d = Assert.Single(harness.Run("using NetGen;\n[Network(OnnxModel = \"model.onnx\")]\npublic partial class Big { }\n").Run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("NG0015", d.Id);
        Assert.Contains("The network has 2,000,000 parameters; NetGen supports at most 1,000,000 parameters in a network imported from ONNX", d.GetMessage());
    }
}
