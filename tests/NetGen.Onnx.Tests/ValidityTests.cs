using Microsoft.CodeAnalysis;
using static NetGen.Onnx.Tests.Crafted;

namespace NetGen.Onnx.Tests;

/// <summary>
/// NetGen accepts no model that ONNX Runtime refuses: each model below is refused by ONNX Runtime 1.31.1
/// at load, and by NetGen with a precise NG02xx that says why (two overflowing shapes once surfaced as
/// the internal "please report it" error; the others compiled into networks nobody defined).
/// </summary>
public class ValidityTests
{
    private static readonly ProtoWriter Input = ValueInfo("input", FloatType, "N", 3);
    private static readonly ProtoWriter Output = ValueInfo("output", FloatType, "N", 4);

    /// <summary>input [N, 3] -> Gemm(W [4, 3], transB) -> output, with the given pieces swapped in.</summary>
    private static byte[] Gemm(long[]? dims = null, int weightType = FloatType, ProtoWriter? output = null, ProtoWriter? input = null,
        long? opset = 17, long irVersion = 8, ProtoWriter[]? attributes = null, string[]? inputs = null, ProtoWriter[]? extraNodes = null, ProtoWriter[]? extraTensors = null)
    {
        dims ??= new long[] { 4, 3 };
        long count = dims.Aggregate(1L, (a, d) => d > 0 && a < 1000 ? a * d : 0);
        var nodes = new List<ProtoWriter> { Node("Gemm", inputs ?? new[] { "input", "W" }, "output", attributes ?? new[] { IntAttribute("transB", 1) }) };
        nodes.AddRange(extraNodes ?? Array.Empty<ProtoWriter>());
        var tensors = new List<ProtoWriter> { Tensor("W", dims, weightType, Values((int)count, 1)) };
        tensors.AddRange(extraTensors ?? Array.Empty<ProtoWriter>());
        return Model(Graph(nodes, tensors, input ?? Input, output ?? Output), opset, irVersion);
    }

    private static ProtoWriter Untyped(string name)
    {
        var info = new ProtoWriter();
        info.String(1, name);
        return info;
    }

    public static readonly TheoryData<string, string, string> Cases = new()
    {
        { "negative dimension", "Malformed", "tensor 'W' has shape [-4, -3]: a dimension is negative" },
        { "dimensions whose product overflows", "Malformed", "tensor 'W' has shape [3, 4611686018427387904, 4], more values than a 64-bit count holds" },
        { "non-transposed dimensions whose product overflows", "Malformed", "tensor 'W' has shape [3, 4611686018427387904], more values than a 64-bit count holds" },
        { "double weights in a float graph", "Malformed", "'Gemm -> output' combines float values with initializer 'W' of double" },
        { "double bias in a float graph", "Malformed", "'Gemm -> output' combines float values with initializer 'B' of double" },
        { "double output of a float graph", "Malformed", "output 'output' is declared double, but the network computes float" },
        { "output of element type 0", "Malformed", "output 'output' is declared element type 0" },
        { "input without a type", "Malformed", "input 'input' has no type" },
        { "no opset", "Malformed", "it imports no operator set for the default ONNX domain" },
        { "no opset, IR version 3", "Malformed", "it imports no operator set for the default ONNX domain" },
        { "IR version 14", "Malformed", "its IR version is 14; ONNX Runtime 1.31.1, which NetGen follows, reads IR versions 0 to 13" },
        { "opset 6", "UnsupportedStructure", "it imports ONNX operator set 6; NetGen reads operator sets 7 to 26" },
        { "opset 27", "UnsupportedStructure", "it imports ONNX operator set 27; NetGen reads operator sets 7 to 26" },
        { "Gemm without C before opset 11", "Malformed", "'Gemm -> output' has 2 inputs; before opset 11 Gemm takes exactly three" },
        { "attribute without a type", "Malformed", "attribute 'transB' of 'Gemm -> output' has no type where Gemm defines INT" },
        { "attribute of the wrong type", "Malformed", "attribute 'alpha' of 'Gemm -> output' has INT where Gemm defines FLOAT" },
        { "attribute the operator does not define", "Malformed", "'Gemm -> output' has attribute 'gamma', which Gemm does not define (its attributes: alpha, beta, transA, transB)" },
        { "attribute given twice", "Malformed", "node 'Gemm -> output' gives attribute 'transB' twice" },
        { "attribute without a name", "Malformed", "node 'Gemm -> output' has an attribute without a name" },
        { "tensor defined twice", "Malformed", "tensor 'output', an output of 'Identity -> output', is already defined" },
    };

    private static byte[] Build(string name) => name switch
    {
        "negative dimension" => Gemm(dims: new long[] { -4, -3 }),
        "dimensions whose product overflows" => Gemm(dims: new long[] { 3, 1L << 62, 4 }),
        "non-transposed dimensions whose product overflows" => Gemm(dims: new long[] { 3, 1L << 62 }, attributes: Array.Empty<ProtoWriter>()),
        "double weights in a float graph" => Gemm(weightType: DoubleType),
        "double bias in a float graph" => Gemm(inputs: new[] { "input", "W", "B" }, extraTensors: new[] { Tensor("B", new long[] { 4 }, DoubleType, Values(4, 2)) }),
        "double output of a float graph" => Gemm(output: ValueInfo("output", DoubleType, "N", 4)),
        "output of element type 0" => Gemm(output: ValueInfo("output", 0, "N", 4)),
        "input without a type" => Gemm(input: Untyped("input")),
        "no opset" => Gemm(opset: null),
        "no opset, IR version 3" => Gemm(opset: null, irVersion: 3),
        "IR version 14" => Gemm(irVersion: 14),
        "opset 6" => Gemm(opset: 6, inputs: new[] { "input", "W", "B" }, extraTensors: new[] { Tensor("B", new long[] { 4 }, FloatType, Values(4, 2)) }),
        "opset 27" => Gemm(opset: 27),
        "Gemm without C before opset 11" => Gemm(opset: 9),
        "attribute without a type" => Gemm(attributes: new[] { Attribute("transB", null, i: 1) }),
        "attribute of the wrong type" => Gemm(attributes: new[] { IntAttribute("transB", 1), IntAttribute("alpha", 2) }),
        "attribute the operator does not define" => Gemm(attributes: new[] { IntAttribute("transB", 1), FloatAttribute("gamma", 2) }),
        "attribute given twice" => Gemm(attributes: new[] { IntAttribute("transB", 1), IntAttribute("transB", 0) }),
        "attribute without a name" => Gemm(attributes: new[] { IntAttribute("transB", 1), IntAttribute("", 0) }),
        "tensor defined twice" => Gemm(extraNodes: new[] { Node("Identity", new[] { "input" }, "output") }),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_model_ONNX_Runtime_refuses_is_refused_with_the_reason(string name, string kind, string detail)
    {
        byte[] model = Build(name);
        Assert.NotNull(RuntimeOracle.LoadError(model));
        var outcome = ImporterProbe.Import(model);
        Assert.True(outcome.ErrorKind == kind, $"{name}: {outcome}");
        Assert.Contains(detail, outcome.Detail);
        Assert.DoesNotContain("please report it", outcome.Detail);
    }

    [Fact]
    public void The_refusals_are_NG0203_and_NG0202_at_the_model_name()
    {
        const string source = "using NetGen;\n[Network(OnnxModel = \"model.onnx\")]\npublic partial class Scorer { }\n";
        foreach (var (name, id) in new[] { ("negative dimension", "NG0203"), ("opset 27", "NG0202") })
        {
            using var harness = new ImportHarness();
            harness.AddModel("model.onnx", Build(name));
            var (run, _) = harness.Run(source);
            Diagnostic d = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal(id, d.Id);
            Assert.Equal("\"model.onnx\"", source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        }
    }

    [Fact]
    public void An_input_wider_than_the_attribute_path_allows_is_refused()
    {
        // ONNX Runtime runs it; NetGen's layers, the input included, have at most 16,384 units (NG0011 for "20000-1").
        byte[] model = Model(Graph(
            new[] { Node("Gemm", new[] { "input", "W" }, "output", IntAttribute("transB", 1)) },
            new[] { Tensor("W", new long[] { 1, 20_000 }, FloatType, new double[20_000]) },
            ValueInfo("input", FloatType, "N", 20_000), ValueInfo("output", FloatType, "N", 1)));
        Assert.Null(RuntimeOracle.LoadError(model));
        var outcome = ImporterProbe.Import(model);
        Assert.Equal("UnsupportedStructure", outcome.ErrorKind);
        Assert.Contains("input 'input' has 20,000 features; a NetGen layer, the input included, has at most 16,384 units", outcome.Detail);
    }

    [Theory]
    [InlineData(7L, 8L)]
    [InlineData(26L, 13L)]
    [InlineData(11L, 3L)]
    public void Models_at_the_ends_of_what_ONNX_Runtime_reads_are_accepted(long opset, long irVersion)
    {
        byte[] model = Gemm(opset: opset, irVersion: irVersion, inputs: new[] { "input", "W", "B" },
            extraTensors: new[] { Tensor("B", new long[] { 4 }, FloatType, Values(4, 2)) });
        Assert.Null(RuntimeOracle.LoadError(model));
        Assert.NotNull(ImporterProbe.Import(model).Network);
    }
}
