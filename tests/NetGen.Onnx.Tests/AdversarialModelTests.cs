using System.IO;
using Xunit.Abstractions;
using static NetGen.Onnx.Tests.Crafted;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Models built to break the importer, checked in-process (no compilation), so that thousands run in seconds:
/// <list type="bullet">
/// <item>every truncation and thousands of bit flips of seed models that hold each class of input that
/// once found a bug (attributes without a value or type, non-finite weights, names that are not UTF-8,
/// negative and huge dimensions): the importer never throws and never reports an internal error, and
/// whatever it accepts has finite parameters;</item>
/// <item>random models from a grammar of those same classes, judged by ONNX Runtime: what NetGen accepts,
/// ONNX Runtime loads and computes the same function for; what NetGen calls malformed, ONNX Runtime
/// refuses; NetGen refuses only with a reason (its own limits: a structure it cannot compile, a
/// non-finite weight, a size over its limits).</item>
/// </list>
/// </summary>
public class AdversarialModelTests(ITestOutputHelper output)
{
    private static readonly string[] Activations = { "", "Sigmoid", "Tanh", "Relu", "LeakyRelu", "Identity", "Softmax" };

    [Fact]
    public void Truncations_and_bit_flips_never_crash_the_importer()
    {
        var random = new Random(12);
        int cases = 0, accepted = 0;
        foreach (byte[] seed in Seeds())
        {
            for (int length = 0; length < seed.Length; length++)
            {
                Check(seed[..length]);
            }
            for (int flip = 0; flip < 1000; flip++)
            {
                byte[] mutated = (byte[])seed.Clone();
                for (int bits = random.Next(1, 4); bits > 0; bits--)
                {
                    mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
                }
                Check(mutated);
            }
        }
        output.WriteLine($"{cases:N0} truncated or flipped models: {accepted:N0} accepted, the rest refused with a reason");
        Assert.True(cases > 3000);

        void Check(byte[] model)
        {
            cases++;
            var outcome = ImporterProbe.Import(model);
            Assert.DoesNotContain("please report it", outcome.Detail);
            if (outcome.Network is { } network)
            {
                accepted++;
                Assert.All(network.Parameters, p => Assert.True(double.IsFinite(p)));
                Assert.True(network.IsDouble || network.Parameters.All(p => float.IsFinite((float)p)));
            }
        }
    }

    /// <summary>Valid models with one instance of each class of input that found a bug, for mutation.</summary>
    private static IEnumerable<byte[]> Seeds()
    {
        yield return Dense(FloatType, Node("LeakyRelu", new[] { "s1" }, "h", FloatAttribute("alpha", null)), FloatAttribute("beta", null));
        yield return Dense(DoubleType, Node("Tanh", new[] { "s1" }, "h"), FloatAttribute("alpha", 1e-3f));
        yield return Model(Graph(
            new[]
            {
                Node("Gemm", new[] { Utf8("input"), new byte[] { (byte)'W', 0xFF } }, Utf8("s"), IntAttribute("transB", 1)),
                Node("Softmax", new[] { "s" }, "output", IntAttribute("axis", 1)),
            },
            new[]
            {
                Tensor(new byte[] { (byte)'W', 0xFE }, new long[] { 2, 3 }, FloatType, 1, 2, 3, 4, 5, 6),
                Tensor(new byte[] { (byte)'W', 0xFF }, new long[] { 2, 3 }, FloatType, 6, float.MaxValue, 4, 3, 2, -1e-30),
            },
            ValueInfo("input", FloatType, "N", 3), ValueInfo("output", FloatType, "N", 2)), opset: 11, irVersion: 3);
        // Convolutional models: INTS, STRING and TENSOR attributes, int64 tensors, Reshape glue, BatchNormalization.
        yield return File.ReadAllBytes(ConvFixtureTests.Fixture("conv2d_bn_relu_maxpool.onnx"));
        yield return File.ReadAllBytes(ConvFixtureTests.Fixture("conv_same_stride_dilation.onnx"));
        yield return ConvModels.Model(b => b.Int64Tensor("p", new long[] { 8 }, 0, 0, 0, 0, 0, 0, 0, 0).Node("Pad", new[] { "c", "p" }, "t"), 18,
            convAttributes: new[] { ModelBuilder.Text("auto_pad", "SAME_UPPER"), ModelBuilder.Ints("strides", 2, 2) });
    }

    [Fact]
    public void Random_models_are_accepted_only_when_ONNX_Runtime_computes_the_same_function()
    {
        var random = new Random(7);
        var tally = new Dictionary<string, int>();
        for (int n = 0; n < 1000; n++)
        {
            var (model, description) = RandomModel(random);
            var outcome = ImporterProbe.Import(model);
            double[][] rows = { new[] { 0.5, -1, 2 }, new[] { 1, 0.25, -0.5 }, new[] { -2, 1.5, 0.75 } };
            var (expected, error) = RuntimeOracle.Run(model, rows);
            if (error.Contains("[ErrorCode:NotImplemented]", StringComparison.Ordinal))
            {
                // A valid model ONNX Runtime's CPU provider has no kernel for (LeakyRelu in double, unless it
                // fuses it into the Gemm before it): no judgement on what the model means.
                tally["no ONNX Runtime kernel"] = tally.GetValueOrDefault("no ONNX Runtime kernel") + 1;
                continue;
            }
            string verdict = (outcome.ErrorKind ?? "accepted") + (expected is null ? ", ONNX Runtime refuses" : ", ONNX Runtime runs");
            tally[verdict] = tally.GetValueOrDefault(verdict) + 1;
            string context = $"model {n} ({description}): NetGen {outcome}; ONNX Runtime {(expected is null ? "refuses: " + error : "runs it")}";

            Assert.DoesNotContain("please report it", outcome.Detail);
            if (outcome.ErrorKind == "Malformed")
            {
                Assert.True(expected is null, "NetGen calls a model ONNX Runtime runs malformed: " + context);
            }
            if (outcome.Network is not { } network)
            {
                continue;
            }
            Assert.True(expected is not null, "NetGen accepts a model ONNX Runtime refuses: " + context);
            double tolerance = network.IsDouble ? 1e-9 : 1e-4;
            for (int r = 0; r < rows.Length; r++)
            {
                double[] actual = ImporterProbe.Forward(network, rows[r]);
                Assert.True(actual.Length == expected![r].Length, context);
                for (int k = 0; k < actual.Length; k++)
                {
                    Assert.True(Math.Abs(actual[k] - expected[r][k]) <= tolerance * (1 + Math.Abs(expected[r][k])),
                        $"{context}: output {k} of row {r} is {actual[k]:R}, ONNX Runtime {expected[r][k]:R}");
                }
            }
        }
        foreach (var (verdict, count) in tally.OrderByDescending(t => t.Value))
        {
            output.WriteLine($"{count,4}  {verdict}");
        }
        Assert.True(tally.Where(t => t.Key.StartsWith("accepted", StringComparison.Ordinal)).Sum(t => t.Value) > 100, "too few models were accepted to compare functions");
    }

    /// <summary>A chain of 1 to 3 layers over 3 inputs, with each class of hostile encoding thrown in now and then.</summary>
    private static (byte[] Model, string Description) RandomModel(Random random)
    {
        var notes = new List<string>();
        bool Chance(double p, string note)
        {
            bool yes = random.NextDouble() < p;
            if (yes)
            {
                notes.Add(note);
            }
            return yes;
        }
        int type = random.Next(2) == 0 ? FloatType : DoubleType;
        long? opset = new long?[] { 17, 17, 17, 13, 13, 11, 7, 9, 26, 6, 27, null }[random.Next(12)];
        long ir = new long[] { 8, 8, 8, 3, 13, 14 }[random.Next(6)];
        notes.Add($"opset {opset?.ToString() ?? "none"}, IR {ir}, {(type == FloatType ? "float" : "double")}");
        var nodes = new List<ProtoWriter>();
        var tensors = new List<ProtoWriter>();
        int layers = random.Next(1, 4), width = 3, seed = 0;
        string current = "input";
        for (int k = 0; k < layers; k++)
        {
            int units = random.Next(1, 5);
            bool last = k == layers - 1;
            int tensorType = Chance(0.03, "mixed types") ? FloatType + DoubleType - type : type;
            string w = "W" + k, b = "B" + k, sum = "s" + k;
            double[] weights = Values(units * width, ++seed);
            if (Chance(0.04, "non-finite weight"))
            {
                weights[random.Next(weights.Length)] = new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300 }[random.Next(4)];
            }
            long[] dims = { units, width };
            if (Chance(0.03, "negative dimension"))
            {
                dims[random.Next(2)] *= -1;
            }
            byte[] weightName = Utf8(w);
            if (Chance(0.1, "invalid UTF-8 names"))
            {
                weightName = Utf8(w).Append((byte)0xFF).ToArray();
                tensors.Add(Tensor(Utf8(w).Append((byte)0xFE).ToArray(), dims, tensorType, Values(units * width, 1000 + seed)));
            }
            bool matmul = random.Next(4) == 0;
            if (matmul)
            {
                // [in, out] for MatMul: the same values, transposed.
                var transposed = new double[weights.Length];
                for (int j = 0; j < units; j++)
                {
                    for (int i = 0; i < width; i++)
                    {
                        transposed[i * units + j] = weights[j * width + i];
                    }
                }
                tensors.Add(Tensor(weightName, new[] { dims[1], dims[0] }, tensorType, transposed));
                nodes.Add(Node("MatMul", new[] { Utf8(current), weightName }, Utf8(sum)));
                if (random.Next(2) == 0)
                {
                    tensors.Add(Tensor(b, new long[] { units }, type, Values(units, ++seed)));
                    nodes.Add(Node("Add", new[] { sum, b }, sum + "b"));
                    sum += "b";
                }
            }
            else
            {
                tensors.Add(Tensor(weightName, dims, tensorType, weights));
                var attributes = new List<ProtoWriter> { IntAttribute("transB", 1) };
                attributes.AddRange(RandomAttribute(random, "alpha", notes));
                attributes.AddRange(RandomAttribute(random, "beta", notes));
                if (Chance(0.03, "unknown attribute"))
                {
                    attributes.Add(FloatAttribute("gamma", 1));
                }
                var inputs = new List<byte[]> { Utf8(current), weightName };
                if (random.Next(3) > 0)
                {
                    int biases = random.Next(3) == 0 ? 1 : units;
                    tensors.Add(Tensor(b, new long[] { biases }, type, Values(biases, ++seed)));
                    inputs.Add(Utf8(b));
                }
                nodes.Add(Node("Gemm", inputs.ToArray(), Utf8(sum), attributes.ToArray()));
            }
            string activation = Activations[random.Next(last ? Activations.Length : Activations.Length - 1)];
            string next = last ? "output" : "h" + k;
            if (activation.Length == 0)
            {
                nodes.Add(Node("Identity", new[] { sum }, next));
            }
            else
            {
                var attributes = activation switch
                {
                    "LeakyRelu" => RandomAttribute(random, "alpha", notes),
                    "Softmax" => RandomAttribute(random, "axis", notes),
                    _ => Array.Empty<ProtoWriter>(),
                };
                nodes.Add(Node(activation, new[] { sum }, next, attributes));
                notes.Add(activation);
            }
            current = next;
            width = units;
        }
        int outputType = Chance(0.03, "output type differs") ? FloatType + DoubleType - type : type;
        byte[] model = Model(Graph(nodes, tensors, ValueInfo("input", type, "N", 3), ValueInfo("output", outputType, "N", width)), opset, ir);
        return (model, string.Join(", ", notes));
    }

    /// <summary>No attribute, or one present with a value, without one (proto3's 0), without a type, or with the wrong type.</summary>
    private static ProtoWriter[] RandomAttribute(Random random, string name, List<string> notes)
    {
        bool isInt = name == "axis";
        string[] forms = { "absent", "absent", "absent", "absent", "absent", "absent", "absent", "given", "given", "given", "given", "value omitted", "value omitted", "value omitted", "untyped", "wrong type" };
        string form = forms[random.Next(forms.Length)];
        notes.Add($"{name} {form}");
        return form switch
        {
            "given" when isInt => new[] { IntAttribute(name, new long[] { -1, 1, 0 }[random.Next(3)]) },
            "given" => new[] { FloatAttribute(name, new[] { 0.5f, 0.2f, 2f, 0f }[random.Next(4)]) },
            "value omitted" => new[] { isInt ? IntAttribute(name, null) : FloatAttribute(name, null) },
            "untyped" => new[] { isInt ? Attribute(name, null, i: 1) : Attribute(name, null, f: 0.5f) },
            "wrong type" => new[] { isInt ? FloatAttribute(name, 1) : IntAttribute(name, 1) },
            _ => Array.Empty<ProtoWriter>(),
        };
    }
}
