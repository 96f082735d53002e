using System.Reflection;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Models shaped the way other exporters write them (PyTorch's MatMul + Add with [in, out] weights,
/// Gemm without transB and with alpha/beta, float_data instead of raw_data, initializers listed as
/// inputs, Identity nodes, opset 11's Softmax): the compiled network agrees with ONNX Runtime.
/// </summary>
public class ForeignModelTests(ITestOutputHelper output)
{
    private static readonly long[] Shape34 = { 3, 4 };

    [Fact]
    public void MatMul_and_Add_with_in_out_weights_in_float()
    {
        // PyTorch-style: weights [in, out] for MatMul, names like "onnx::MatMul_7", a symbolic batch.
        var model = new ModelBuilder(ModelBuilder.Float)
            .TypedTensor("onnx::MatMul_7", Shape34, packed: true, Values(12, 1))
            .TypedTensor("fc1.bias", new long[] { 4 }, packed: false, Values(4, 2))
            .Tensor("onnx::MatMul_8", new long[] { 4, 2 }, Values(8, 3))
            .Tensor("fc2.bias", new long[] { 2 }, Values(2, 4))
            .Node("MatMul", new[] { "input.1", "onnx::MatMul_7" }, "/fc1/MatMul_output_0")
            .Node("Add", new[] { "fc1.bias", "/fc1/MatMul_output_0" }, "/fc1/Add_output_0")
            .Node("Relu", new[] { "/fc1/Add_output_0" }, "/relu/Relu_output_0")
            .Node("MatMul", new[] { "/relu/Relu_output_0", "onnx::MatMul_8" }, "/fc2/MatMul_output_0")
            .Node("Add", new[] { "/fc2/MatMul_output_0", "fc2.bias" }, "logits")
            .Build(new object[] { "batch_size", 3 }, new object[] { "batch_size", 2 }, input: "input.1", output: "logits");
        CheckAgainstRuntime(model, "float", "input.1", "logits", ExportTests.SingleTolerance, "3-4:relu-2:identity", "PerNeuron");
    }

    [Fact]
    public void Gemm_without_transB_with_alpha_beta_identity_and_opset_11_softmax_in_double()
    {
        var model = new ModelBuilder(ModelBuilder.Double, opset: 11)
            .Tensor("W1", Shape34, Values(12, 5))
            .Tensor("B1", new long[] { 1, 4 }, Values(4, 6))
            .Tensor("W2", new long[] { 4, 2 }, Values(8, 7))
            .Tensor("B2", new long[] { 1 }, 0.25)
            .InitializerAlsoInput("W1", 3, 4)
            .Node("Gemm", new[] { "x", "W1", "B1" }, "h", OnnxMessages.FloatAttribute("alpha", 0.5f), OnnxMessages.FloatAttribute("beta", 2f))
            .Node("Identity", new[] { "h" }, "h_copy")
            .Node("Tanh", new[] { "h_copy" }, "a")
            .Node("Gemm", new[] { "a", "W2", "B2" }, "z")
            .Node("Softmax", new[] { "z" }, "y")
            .Build(new object[] { 1, 3 }, new object[] { 1, 2 }, input: "x", output: "y");
        CheckAgainstRuntime(model, "double", "x", "y", ExportTests.DoubleTolerance, "3-4:tanh-2:softmax", "PerNeuron", batchSize: 1);
    }

    [Fact]
    public void One_bias_per_layer_is_read_as_shared_biases()
    {
        var model = new ModelBuilder(ModelBuilder.Double)
            .Tensor("W1", new long[] { 4, 3 }, Values(12, 8))
            .Tensor("B1", Array.Empty<long>(), 0.5)
            .Tensor("W2", new long[] { 2, 4 }, Values(8, 9))
            .Tensor("B2", new long[] { 1 }, -0.25)
            .Node("Gemm", new[] { "input", "W1", "B1" }, "s1", OnnxMessages.IntAttribute("transB", 1))
            .Node("Sigmoid", new[] { "s1" }, "o1")
            .Node("Gemm", new[] { "o1", "W2", "B2" }, "s2", OnnxMessages.IntAttribute("transB", 1))
            .Node("LeakyRelu", new[] { "s2" }, "output", OnnxMessages.FloatAttribute("alpha", 0.2f))
            .Build(new object[] { "N", 3 }, new object[] { "N", 2 });
        CheckAgainstRuntime(model, "double", "input", "output", 1e-9, "3-4:sigmoid-2:leakyrelu", "SharedPerLayer");
    }

    // Proto3 writers encode an attribute of value 0 as its name and type alone; ONNX Runtime reads 0
    // there, not the operator's default (NetGen once read 0.01, 1 and -1, and compiled other networks).

    [Fact]
    public void LeakyRelu_alpha_present_without_a_value_is_zero_as_in_ONNX_Runtime()
    {
        byte[] model = Crafted.Dense(Crafted.FloatType, Crafted.Node("LeakyRelu", new[] { "s1" }, "h", Crafted.FloatAttribute("alpha", null)));
        double slope = CheckAgainstRuntime(model, "float", "input", "output", ExportTests.SingleTolerance, "3-4:leakyrelu-2:identity", "PerNeuron");
        Assert.Equal(0.0, slope);
    }

    [Theory]
    [InlineData("alpha")]
    [InlineData("beta")]
    public void Gemm_alpha_or_beta_present_without_a_value_is_zero_as_in_ONNX_Runtime(string attribute)
    {
        byte[] model = Crafted.Dense(Crafted.DoubleType, Crafted.Node("Sigmoid", new[] { "s1" }, "h"), Crafted.FloatAttribute(attribute, null));
        CheckAgainstRuntime(model, "double", "input", "output", ExportTests.DoubleTolerance, "3-4:sigmoid-2:identity", "PerNeuron");
    }

    [Fact]
    public void Softmax_axis_present_without_a_value_is_axis_0_as_in_ONNX_Runtime_and_refused()
    {
        byte[] model = Crafted.Model(Crafted.Graph(
            new[]
            {
                Crafted.Node("Gemm", new[] { "input", "W1", "B1" }, "s1", Crafted.IntAttribute("transB", 1)),
                Crafted.Node("Softmax", new[] { "s1" }, "output", Crafted.IntAttribute("axis", null)),
            },
            new[] { Crafted.Tensor("W1", new long[] { 4, 3 }, Crafted.FloatType, Values(12, 1)), Crafted.Tensor("B1", new long[] { 4 }, Crafted.FloatType, Values(4, 2)) },
            Crafted.ValueInfo("input", Crafted.FloatType, "N", 3), Crafted.ValueInfo("output", Crafted.FloatType, "N", 4)));

        // ONNX Runtime normalises over the batch (axis 0): a row does not sum to 1, a column does.
        double[][] rows = { new[] { 0.5, -1, 2 }, new[] { 1, 0.25, -0.5 } };
        double[][] probabilities = RuntimeOracle.Run(model, rows).Outputs!;
        Assert.NotEqual(1.0, probabilities[0].Sum(), 3);
        Assert.Equal(1.0, probabilities[0][0] + probabilities[1][0], 5);

        // NetGen's softmax runs over a layer's units, so it refuses instead of compiling another function.
        var outcome = ImporterProbe.Import(model);
        Assert.Equal("UnsupportedStructure", outcome.ErrorKind);
        Assert.Contains("takes softmax over axis 0", outcome.Detail);
    }

    private double CheckAgainstRuntime(byte[] model, string type, string inputName, string outputName, double tolerance,
        string topology, string bias, int batchSize = Agreement.BatchSize)
    {
        using var harness = new ImportHarness();
        harness.AddModel("foreign.onnx", model);
        Assembly assembly = harness.CompileAndLoad(ImportedProbe.Declare("Foreign", "OnnxModel = \"foreign.onnx\"", type));
        string generated = harness.Run(ImportedProbe.Declare("Foreign", "OnnxModel = \"foreign.onnx\"", type)).Output.SyntaxTrees
            .Single(t => t.FilePath.EndsWith("Foreign.NetGen.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains($"a \"{topology}\" network", generated);
        Assert.Contains(bias == "SharedPerLayer" ? "shared biases" : " biases.", generated);

        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model);
        int inputs = ImportedProbe.Call<int[]>(assembly, "Foreign", "LayerSizes")[0];
        double worst;
        if (type == "double")
        {
            double[] batch = Agreement.RandomBatch<double>(inputs, seed: 21, batchSize);
            worst = Agreement.MaxAbsDifference(Run(session, batch, inputs, inputName, outputName), ImportedProbe.Call<double[]>(assembly, "Foreign", "Forward", batch));
        }
        else
        {
            float[] batch = Agreement.RandomBatch<float>(inputs, seed: 21, batchSize);
            worst = Agreement.MaxAbsDifference(Run(session, batch, inputs, inputName, outputName), ImportedProbe.Call<float[]>(assembly, "Foreign", "Forward", batch));
        }
        output.WriteLine($"{topology} ({type}): max |compiled - ONNX Runtime| = {worst:E2}");
        Assert.True(worst < tolerance, $"max difference {worst:E3}");
        return ImportedProbe.Call<double>(assembly, "Foreign", "LeakyReLUSlope");
    }

    private static T[] Run<T>(Microsoft.ML.OnnxRuntime.InferenceSession session, T[] batch, int inputs, string inputName, string outputName)
        where T : unmanaged
    {
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(batch, new long[] { batch.Length / inputs, inputs });
        using var options = new Microsoft.ML.OnnxRuntime.RunOptions();
        using var results = session.Run(options, new[] { inputName }, new[] { input }, new[] { outputName });
        return results[0].GetTensorDataAsSpan<T>().ToArray();
    }

    /// <summary>Deterministic values in [-1, 1].</summary>
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }
}
