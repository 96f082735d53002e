namespace NetGen.Generator.Tests;

/// <summary>
/// The generated code compiles in a user's net8.0 project too, where Vector256.Exp does not exist: the SIMD
/// batch path is behind #if NET9_0_OR_GREATER and the scalar path stands alone.
/// </summary>
public class TargetFrameworkTests
{
    private const string Declarations = """
        using NetGen;
        [Network("2-2-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, TrainBiases = false)] public partial class A { }
        [Network("4-5:relu-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Single)] public partial class B { }
        [Network("3-4:leakyrelu-2", Activation.Identity, Output = Activation.Sigmoid, Loss = Loss.CrossEntropy)] public partial class C { }
        [Network("5-4-3", Activation.Sigmoid, Output = Activation.Softmax, Loss = Loss.MeanSquaredError, CodeStyle = CodeStyle.Loops)] public partial class D { }
        """;

    [Fact]
    public void Generated_code_compiles_cleanly_for_net8()
    {
        Assert.Empty(GeneratorHarness.Net80CompilationProblems(Declarations));
    }

    [Fact]
    public void Generated_code_compiles_cleanly_for_net10_with_the_SIMD_batch_path()
    {
        var (run, output) = GeneratorHarness.Run(Declarations);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
        string generated = run.Results.Single().GeneratedSources.First(s => s.HintName.StartsWith("A.", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("#if NET9_0_OR_GREATER", generated);
        Assert.Contains("Vector256.Exp(-sum_h1)", generated);
    }
}
