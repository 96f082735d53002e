namespace NetGen.Generator.Tests;

/// <summary>Unrolled recurrent networks compile without a warning, on .NET 10 and on .NET 8 (no NET9_0_OR_GREATER lanes).</summary>
public class RecurrentCompilationTests
{
    private const string Declarations = """
        using NetGen;
        namespace Samples;
        [Network("1x3 - lstm2 - 1", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)]
        public partial class OneStepLstm { }
        [Network("3x2 - gru2(return=sequence) - 2:softmax", Activation.Tanh, Loss = Loss.CrossEntropy, Precision = Precision.Single, CodeStyle = CodeStyle.Unrolled)]
        public partial class TaggerGru { }
        [Network("4x1 - rnn2:relu - rnn2(return=sequence) - flatten - 3:relu - 1", Activation.Tanh, Output = Activation.Sigmoid, Loss = Loss.CrossEntropy, Bias = BiasMode.SharedPerLayer, TrainBiases = false, CodeStyle = CodeStyle.Unrolled)]
        public partial class FlatRnn { }
        [Network("5x2 - gru3 - 1:identity", Activation.Tanh)]
        public partial class AutoGru { }
        """;

    [Fact]
    public void Unrolled_recurrent_networks_compile_cleanly()
    {
        var (run, output) = GeneratorHarness.Run(Declarations);
        Assert.Equal(4, run.Results.Single().GeneratedSources.Length);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
        // A small network is unrolled by choice too, and streams.
        string auto = run.Results.Single().GeneratedSources.Single(s => s.HintName.Contains("AutoGru")).SourceText.ToString();
        Assert.Contains("global::NetGen.IRecurrentNetwork<AutoGru, double>", auto);
        Assert.Contains("double dE_dh1_t1_1 =", auto);
        // A flattened sequence cannot stream: FlatRnn is an INetwork only.
        string flat = run.Results.Single().GeneratedSources.Single(s => s.HintName.Contains("FlatRnn")).SourceText.ToString();
        Assert.Contains("global::NetGen.INetwork<FlatRnn, double>", flat);
        Assert.DoesNotContain("public void Step(", flat);
    }

    [Fact]
    public void Unrolled_recurrent_networks_compile_cleanly_for_net8() =>
        Assert.Empty(GeneratorHarness.Net80CompilationProblems(Declarations));
}
