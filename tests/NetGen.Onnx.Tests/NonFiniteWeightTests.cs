using Microsoft.CodeAnalysis;
using static NetGen.Onnx.Tests.Crafted;

namespace NetGen.Onnx.Tests;

/// <summary>
/// NaN and infinite weights (which ONNX Runtime loads) once reached the generated code as the literals
/// <c>NaN.0f</c> and <c>Infinity.0f</c>, which do not compile; a double model narrowed to float by
/// <c>Precision = Precision.Single</c> overflowed to the same. Each is NG0205, naming the tensor and index.
/// </summary>
public class NonFiniteWeightTests
{
    private const string Declaration = "using NetGen;\n[Network(OnnxModel = \"model.onnx\")]\npublic partial class Scorer { }\n";

    /// <summary>A 3-4-2 model whose tensor <paramref name="poisoned"/> holds <paramref name="value"/> at <paramref name="index"/>.</summary>
    private static byte[] Model(int type, string poisoned, int index, double value, ProtoWriter? secondGemmAttribute = null)
    {
        double[] Values(string name, int count, int seed)
        {
            double[] values = Crafted.Values(count, seed);
            if (name == poisoned)
            {
                values[index] = value;
            }
            return values;
        }
        return Crafted.Model(Graph(
            new[]
            {
                Node("Gemm", new[] { "input", "W1", "B1" }, "s1", IntAttribute("transB", 1)),
                Node("Tanh", new[] { "s1" }, "h"),
                Node("Gemm", new[] { "h", "W2", "B2" }, "output", secondGemmAttribute is null ? new[] { IntAttribute("transB", 1) } : new[] { IntAttribute("transB", 1), secondGemmAttribute }),
            },
            new[]
            {
                Tensor("W1", new long[] { 4, 3 }, type, Values("W1", 12, 1)),
                Tensor("B1", new long[] { 4 }, type, Values("B1", 4, 2)),
                Tensor("W2", new long[] { 2, 4 }, type, Values("W2", 8, 3)),
                Tensor("B2", new long[] { 2 }, type, Values("B2", 2, 4)),
            },
            ValueInfo("input", type, "N", 3), ValueInfo("output", type, "N", 2)));
    }

    private static Diagnostic Refused(byte[] model, string source = Declaration)
    {
        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", model);
        var (run, _) = harness.Run(source);
        Assert.Empty(run.Results.Single().GeneratedSources);
        Diagnostic d = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("NG0205", d.Id);
        return d;
    }

    [Theory]
    [InlineData(FloatType, double.NaN, "NaN")]
    [InlineData(FloatType, double.PositiveInfinity, "+Infinity")]
    [InlineData(DoubleType, double.NegativeInfinity, "-Infinity")]
    [InlineData(DoubleType, double.NaN, "NaN")]
    public void A_non_finite_weight_is_refused_naming_the_tensor_and_index(int type, double value, string shown)
    {
        byte[] model = Model(type, "W1", 5, value);
        Assert.Null(RuntimeOracle.LoadError(model)); // ONNX Runtime loads it: NetGen must say why it does not
        string message = Refused(model).GetMessage();
        Assert.Contains($"initializer 'W1' (used by 'Gemm -> s1') holds {shown} at index 5 ([1, 2] of shape [4, 3])", message);
    }

    [Fact]
    public void A_non_finite_bias_is_refused_naming_the_tensor_and_index()
    {
        string message = Refused(Model(FloatType, "B2", 1, double.NaN)).GetMessage();
        Assert.Contains("initializer 'B2' (used by 'Gemm -> output') holds NaN at index 1 (shape [2])", message);
    }

    [Fact]
    public void A_weight_that_alpha_scales_past_float_is_refused()
    {
        // Finite in the file, but Gemm's alpha folded into it leaves float's range.
        byte[] model = Model(FloatType, "W2", 3, 1e30, FloatAttribute("alpha", 1e30f));
        string message = Refused(model).GetMessage();
        Assert.Contains("weight [0, 3] of layer 2: initializer 'W2' at index 3 ([0, 3] of shape [2, 4])", message);
        Assert.Contains("times alpha 1.0000000150474662E+30 of 'Gemm -> output', which is past float's range", message);
    }

    [Fact]
    public void Narrowing_a_double_model_past_float_is_refused_at_the_precision_argument()
    {
        byte[] model = Model(DoubleType, "W2", 6, -1e300);
        string source = "using NetGen;\n[Network(OnnxModel = \"model.onnx\", Precision = Precision.Single)]\npublic partial class Scorer { }\n";
        Diagnostic d = Refused(model, source);
        Assert.Contains("weight [1, 2] of layer 2: initializer 'W2' at index 6 ([1, 2] of shape [2, 4]) = -1E+300, which is past float's range", d.GetMessage());
        Assert.Contains("with Precision = Precision.Single", d.GetMessage());
        Assert.Equal("Precision.Single", source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));

        // In its own precision the same model is finite and compiles.
        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", model);
        harness.CompileAndLoad(Declaration);
    }
}
