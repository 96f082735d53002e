namespace NetGen.Onnx.Tests.Recurrent;

/// <summary>
/// What NetGen cannot compile in a recurrent model is refused with the node, the attribute and its value (NG0202
/// unless noted), checked in-process on hand-built models: input [N, 3, 2], Transpose, the cell of 2 units, Squeeze
/// of Y_h, a Gemm to one output. The base model of each cell imports (<see cref="The_base_models_import"/>).
/// </summary>
public class RecurrentImportRefusalTests
{
    private const int Steps = 3, Features = 2, Hidden = 2;

    /// <summary>
    /// The model; <paramref name="extra"/> are the cell's inputs after B (sequence_lens, initial_h, initial_c, P),
    /// <paramref name="outputs"/> its outputs, <paramref name="tail"/> what reads them (default: Squeeze Y_h, Gemm).
    /// </summary>
    private static byte[] Model(string op, ProtoWriter[] attributes, string[]? extra = null, Action<ModelBuilder>? setup = null,
        string[]? outputs = null, Action<ModelBuilder>? tail = null, string[]? transposePerm = null, object[]? outputDims = null)
    {
        int gates = op == "GRU" ? 3 : op == "LSTM" ? 4 : 1;
        var b = new ModelBuilder(ModelBuilder.Float);
        b.Tensor("W", new long[] { 1, gates * Hidden, Features }, Values(gates * Hidden * Features, 0.3));
        b.Tensor("R", new long[] { 1, gates * Hidden, Hidden }, Values(gates * Hidden * Hidden, -0.2));
        b.Tensor("B", new long[] { 1, 2 * gates * Hidden }, Values(2 * gates * Hidden, 0.1));
        b.Tensor("Wd", new long[] { 1, Hidden }, 0.5, -0.7).Tensor("bd", new long[] { 1 }, 0.2);
        b.Int64Tensor("axis0", new long[] { 1 }, 0);
        setup?.Invoke(b);
        b.Node("Transpose", new[] { "input" }, "x", ModelBuilder.Ints("perm", transposePerm is null ? new long[] { 1, 0, 2 } : transposePerm.Select(long.Parse).ToArray()));
        b.Node(op, new[] { "x", "W", "R", "B" }.Concat(extra ?? Array.Empty<string>()).ToArray(),
            outputs ?? (op == "LSTM" ? new[] { "y", "y_h", "y_c" } : new[] { "y", "y_h" }),
            new[] { OnnxMessages.IntAttribute("hidden_size", Hidden) }.Concat(attributes).ToArray());
        (tail ?? (t => t.Node("Squeeze", new[] { "y_h", "axis0" }, "h").Node("Gemm", new[] { "h", "Wd", "bd" }, "output", OnnxMessages.IntAttribute("transB", 1))))(b);
        return b.Build(new object[] { "N", Steps, Features }, outputDims ?? new object[] { "N", 1 });
    }

    private static double[] Values(int count, double start) => Enumerable.Range(0, count).Select(i => start + 0.05 * i).ToArray();

    private static readonly ProtoWriter LinearBeforeReset = OnnxMessages.IntAttribute("linear_before_reset", 1);

    private static string Refused(byte[] model, string kind = "UnsupportedStructure")
    {
        var outcome = ImporterProbe.Import(model);
        Assert.True(outcome.ErrorKind == kind, outcome.ToString());
        return outcome.Detail;
    }

    [Theory]
    [InlineData("RNN", "SimpleRnn[2]:Tanh - Dense[1]:Identity")]
    [InlineData("GRU", "Gru[2]:Tanh - Dense[1]:Identity")]
    [InlineData("LSTM", "Lstm[2]:Tanh - Dense[1]:Identity")]
    public void The_base_models_import(string op, string layers)
    {
        byte[] model = Model(op, op == "GRU" ? new[] { LinearBeforeReset } : Array.Empty<ProtoWriter>());
        Assert.Equal(layers, ImportedRecurrent.From(ImporterProbe.Import(model), model).Describe());
        // ONNX Runtime runs it, and the import computes the same.
        using var runtime = new OnnxRuntimeRunner(model);
        float[] batch = Agreement.RandomBatch<float>(Steps * Features, seed: 5, batchSize: 8);
        float[] expected = runtime.Run(batch, new[] { Steps, Features });
        ImportedRecurrent network = ImportedRecurrent.From(ImporterProbe.Import(model), model);
        for (int r = 0; r < 8; r++)
        {
            double actual = network.Forward(batch[(r * 6)..(r * 6 + 6)].Select(v => (double)v).ToArray())[0];
            Assert.True(Math.Abs(actual - expected[r]) < 1e-6, $"row {r}: {actual} vs {expected[r]}");
        }
    }

    [Theory]
    [InlineData("reverse")]
    [InlineData("bidirectional")]
    public void A_direction_other_than_forward_is_named(string direction)
    {
        string detail = Refused(Model("RNN", new[] { ModelBuilder.Text("direction", direction) }));
        Assert.Contains($"'rnn1' (RNN) has direction = \"{direction}\"", detail);
    }

    [Fact]
    public void A_GRU_without_linear_before_reset_is_named_with_the_value_and_the_default()
    {
        Assert.Contains("'gru1' (GRU) has linear_before_reset = 0 (the default)", Refused(Model("GRU", Array.Empty<ProtoWriter>())));
        Assert.Contains("'gru1' (GRU) has linear_before_reset = 0;", Refused(Model("GRU", new[] { OnnxMessages.IntAttribute("linear_before_reset", 0) })));
    }

    [Fact]
    public void Clip_activation_parameters_and_other_activations_are_named()
    {
        Assert.Contains("'lstm1' (LSTM) has clip = 3", Refused(Model("LSTM", new[] { OnnxMessages.FloatAttribute("clip", 3f) })));
        Assert.Contains("has activations = [\"Sigmoid\", \"Tanh\", \"Relu\"]; NetGen's LSTM uses [\"Sigmoid\", \"Tanh\", \"Tanh\"]",
            Refused(Model("LSTM", new[] { OnnxMessages.StringsAttribute("activations", ["Sigmoid", "Tanh", "Relu"]) })));
        Assert.Contains("has activations = [\"Sigmoid\"]; NetGen's RNN uses [\"Tanh\"] or [\"Relu\"]",
            Refused(Model("RNN", new[] { OnnxMessages.StringsAttribute("activations", ["Sigmoid"]) })));
        var alpha = new ProtoWriter();
        alpha.String(1, "activation_alpha");
        alpha.Float(7, 0.5f);
        alpha.Int64(20, 6);
        Assert.Contains("'rnn1' (RNN) has attribute activation_alpha", Refused(Model("RNN", new[] { alpha })));
    }

    [Fact]
    public void Layout_1_input_forget_and_peepholes_are_named()
    {
        Assert.Contains("'rnn1' (RNN) has layout = 1", Refused(Model("RNN", new[] { OnnxMessages.IntAttribute("layout", 1) })));
        Assert.Contains("'lstm1' (LSTM) has input_forget = 1", Refused(Model("LSTM", new[] { OnnxMessages.IntAttribute("input_forget", 1) })));
        byte[] peepholes = Model("LSTM", Array.Empty<ProtoWriter>(), extra: new[] { "", "", "", "P" },
            setup: b => b.Tensor("P", new long[] { 1, 3 * Hidden }, Values(3 * Hidden, 0.1)));
        Assert.Contains("'lstm1' (LSTM) has peephole weights P 'P'", Refused(peepholes));
    }

    [Fact]
    public void Sequence_lengths_and_a_non_zero_initial_state_are_named()
    {
        byte[] lengths = Model("RNN", Array.Empty<ProtoWriter>(), extra: new[] { "lens" }, setup: b => b.Node("Constant", Array.Empty<string>(), "lens",
            ConstantTensor()));
        Assert.Contains("'rnn2' (RNN) has sequence_lens 'lens'", Refused(lengths));

        byte[] state = Model("RNN", Array.Empty<ProtoWriter>(), extra: new[] { "", "h0" }, setup: b => b.Tensor("h0", new long[] { 1, 1, Hidden }, 0, 0.5));
        Assert.Contains("initial_h 'h0' of 'rnn1' (RNN) is not all zeros", Refused(state));

        byte[] zeros = Model("RNN", Array.Empty<ProtoWriter>(), extra: new[] { "", "h0" }, setup: b => b.Tensor("h0", new long[] { 1, 1, Hidden }, 0, 0));
        Assert.True(ImporterProbe.Import(zeros).Network is not null, ImporterProbe.Import(zeros).ToString());

        byte[] cell = Model("LSTM", Array.Empty<ProtoWriter>(), extra: new[] { "", "", "c0" }, setup: b => b.Tensor("c0", new long[] { 1, 1, Hidden }, 1, 0));
        Assert.Contains("initial_c 'c0' of 'lstm1' (LSTM) is not all zeros", Refused(cell));
    }

    [Fact]
    public void Reading_the_cell_state_or_both_outputs_is_refused()
    {
        byte[] cell = Model("LSTM", Array.Empty<ProtoWriter>(), tail: t => t.Node("Squeeze", new[] { "y_c", "axis0" }, "h")
            .Node("Gemm", new[] { "h", "Wd", "bd" }, "output", OnnxMessages.IntAttribute("transB", 1)));
        Assert.Contains("cell state Y_c 'y_c' read", Refused(cell));

        byte[] both = Model("GRU", new[] { LinearBeforeReset }, tail: t => t.Node("Squeeze", new[] { "y_h", "axis0" }, "h")
            .Node("Gemm", new[] { "h", "Wd", "bd" }, "s").Node("Add", new[] { "s", "y" }, "output"));
        Assert.Contains("both outputs of 'gru1' (GRU)", Refused(both));
    }

    [Fact]
    public void Glue_that_is_not_PyTorch_s_is_named_with_what_it_does()
    {
        Assert.Contains("perm [0, 2, 1]", Refused(Model("RNN", Array.Empty<ProtoWriter>(), transposePerm: new[] { "0", "2", "1" })));

        // output[:, 0]: the first step, not the last.
        byte[] first = Model("RNN", Array.Empty<ProtoWriter>(), setup: b => b.Int64Tensor("one", new long[] { 1 }, 1).Int64Tensor("zero", Array.Empty<long>(), 0),
            tail: t => t.Node("Squeeze", new[] { "y", "one" }, "seq").Node("Transpose", new[] { "seq" }, "bm", ModelBuilder.Ints("perm", 1, 0, 2))
                .Node("Gather", new[] { "bm", "zero" }, "h", OnnxMessages.IntAttribute("axis", 1))
                .Node("Gemm", new[] { "h", "Wd", "bd" }, "output", OnnxMessages.IntAttribute("transB", 1)));
        Assert.Contains("takes step [0] of 3; NetGen reads only the last step", Refused(first));

        // The sequence left time-major as the graph's output.
        byte[] timeMajor = Model("RNN", Array.Empty<ProtoWriter>(), setup: b => b.Int64Tensor("one", new long[] { 1 }, 1),
            tail: t => t.Node("Squeeze", new[] { "y", "one" }, "output"), outputDims: new object[] { Steps, "N", Hidden });
        Assert.Contains("the graph's output 'output' is [3, N, 2] (time-major)", Refused(timeMajor));

        // A Gemm straight on Y_h [1, N, H].
        byte[] unsqueezed = Model("RNN", Array.Empty<ProtoWriter>(), tail: t => t.Node("Gemm", new[] { "y_h", "Wd", "bd" }, "output", OnnxMessages.IntAttribute("transB", 1)));
        Assert.Contains("'gemm2' (Gemm) reads [1, N, 2] (a last state)", Refused(unsqueezed));
    }

    [Fact]
    public void Transpose_on_a_flat_tensor_is_named()
    {
        var b = new ModelBuilder(ModelBuilder.Float).Tensor("W", new long[] { 2, 3 }, 1, 2, 3, 4, 5, 6)
            .Node("Gemm", new[] { "input", "W" }, "s", OnnxMessages.IntAttribute("transB", 1))
            .Node("Transpose", new[] { "s" }, "output", ModelBuilder.Ints("perm", 1, 0));
        Assert.Contains("'transpose1' transposes [N, 2] with perm [1, 0]", Refused(b.Build(new object[] { "N", 3 }, new object[] { 2, "N" })));
    }

    private static ProtoWriter ConstantTensor()
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, 3);
        var attribute = new ProtoWriter();
        attribute.String(1, "value");
        attribute.Message(5, OnnxMessages.Tensor("lens_value", new long[] { 1 }, 6, bytes.AsSpan(0, 4)));
        attribute.Int64(20, 4);
        return attribute;
    }
}
