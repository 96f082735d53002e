using System.IO;
using NetGen.Onnx.Tests.Convolution;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests.Recurrent;

/// <summary>
/// Generated recurrent networks exported to ONNX agree with ONNX Runtime (1e-12 double, 1e-5 float) on 64 random
/// sequences with random parameters; PyTorch's recurrent exports compile (generated code, unrolled) and agree with
/// ONNX Runtime and with PyTorch's own outputs.
/// </summary>
public class GeneratedRecurrentExportTests(ITestOutputHelper output)
{
    [Fact] public void Gru_double() => ConvolutionAgreement.Check<GenGruDouble, double>(output);
    [Fact] public void Gru_single() => ConvolutionAgreement.Check<GenGruSingle, float>(output);
    [Fact] public void Lstm_double() => ConvolutionAgreement.Check<GenLstmDouble, double>(output);
    [Fact] public void Lstm_single() => ConvolutionAgreement.Check<GenLstmSingle, float>(output);
    [Fact] public void Stacked_rnn_double() => ConvolutionAgreement.Check<GenStackedRnnDouble, double>(output);
    [Fact] public void Stacked_rnn_single() => ConvolutionAgreement.Check<GenStackedRnnSingle, float>(output);
    [Fact] public void Lstm_per_step_head_double() => ConvolutionAgreement.Check<GenLstmPerStepDouble, double>(output);
    [Fact] public void Lstm_per_step_head_single() => ConvolutionAgreement.Check<GenLstmPerStepSingle, float>(output);
    [Fact] public void Gru_flattened_double() => ConvolutionAgreement.Check<GenGruFlattenDouble, double>(output);
    [Fact] public void Gru_flattened_single() => ConvolutionAgreement.Check<GenGruFlattenSingle, float>(output);
    [Fact] public void Gru_50_steps_loops_double() => ConvolutionAgreement.Check<GenGruLoopsDouble, double>(output);
    [Fact] public void Gru_50_steps_loops_single() => ConvolutionAgreement.Check<GenGruLoopsSingle, float>(output);
    [Fact] public void Stacked_lstm_per_step_loops_double() => ConvolutionAgreement.Check<GenLstmLoopsDouble, double>(output);
    [Fact] public void Stacked_lstm_per_step_loops_single() => ConvolutionAgreement.Check<GenLstmLoopsSingle, float>(output);

    public static TheoryData<string, int[]> Fixtures() => new()
    {
        { "gru_last", new[] { 5, 3 } },
        { "lstm_last", new[] { 5, 3 } },
        { "rnn_relu_slice", new[] { 5, 2 } },
        { "lstm_sequence", new[] { 5, 3 } },
        { "gru_stacked", new[] { 5, 2 } },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_PyTorch_recurrent_export_compiles_and_agrees_with_ONNX_Runtime(string fixture, int[] sampleShape)
    {
        foreach (string style in new[] { "Unrolled", "Loops" })
        {
            var (worst, spread) = ConvAgreement.Measure(File.ReadAllBytes(RecurrentFixtureTests.Fixture(fixture + ".onnx")), "float", sampleShape, style);
            output.WriteLine($"{fixture} (float, {style}): max |Forward - ONNX Runtime| = {worst:E2} over outputs spread {spread:F3}");
            Assert.True(spread > 0.05, $"outputs barely vary ({spread})");
            Assert.True(worst < ExportTests.SingleTolerance, $"{style}: max difference {worst:E3}");
        }
    }

    [Fact]
    public void A_double_PyTorch_LSTM_export_compiles_and_agrees_with_PyTorch()
    {
        // ONNX Runtime 1.31.1 cannot run double LSTM ("does not support double yet"): PyTorch's outputs are the reference.
        var (worst, spread) = ConvAgreement.MeasureAgainstPyTorch(File.ReadAllBytes(RecurrentFixtureTests.Fixture("lstm_sequence_double.onnx")),
            RecurrentFixtureTests.Fixture("lstm_sequence_double.expected.txt"));
        output.WriteLine($"lstm_sequence_double (unrolled): max |Forward - PyTorch| = {worst:E2} over outputs spread {spread:F3}");
        Assert.True(spread > 0.05, $"outputs barely vary ({spread})");
        Assert.True(worst < ConvolutionAgreement.DoubleTolerance, $"max difference {worst:E3}");
    }

    [Fact]
    public void The_compiler_builds_a_recurrent_fixture_that_agrees_with_PyTorch_and_allocates_nothing()
    {
        Assert.Equal(new[] { 5, 2 }, GruStackedFixture.InputShape.ToArray());
        var net = new GruStackedFixture();
        double worst = 0;
        foreach (string line in File.ReadAllLines(RecurrentFixtureTests.Fixture("gru_stacked.expected.txt")))
        {
            string[] parts = line.Split('|');
            float[] x = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            float expected = float.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            float[] y = new float[1];
            net.Forward(x, y);
            worst = Math.Max(worst, Math.Abs(y[0] - expected));
        }
        output.WriteLine($"GruStackedFixture: max |Forward - PyTorch| = {worst:E2} over 16 sequences");
        Assert.True(worst < ExportTests.SingleTolerance);
    }

    [Fact]
    public void A_declared_topology_that_disagrees_with_a_recurrent_model_is_NG0204_naming_the_models_topology()
    {
        using var harness = new ImportHarness();
        harness.AddModel("rnn.onnx", File.ReadAllBytes(RecurrentFixtureTests.Fixture("gru_stacked.onnx")));
        string Declaration(string topology) =>
            $"using NetGen;\n[Network(\"{topology}\", Activation.Tanh, Output = Activation.Identity, OnnxModel = \"rnn.onnx\", CodeStyle = CodeStyle.Unrolled)]\npublic partial class Scorer {{ }}\n";
        Assert.Empty(harness.Diagnostics(Declaration("5x2 - gru3 - rnn3 - 1"), "NG0204"));
        Assert.Empty(harness.Diagnostics(Declaration("5x2 - gru3(return=sequence) - rnn3:tanh - 1:identity"), "NG0204"));
        var disagreement = Assert.Single(harness.Diagnostics(Declaration("5x2 - lstm3 - rnn3 - 1"), "NG0204"));
        Assert.Contains("\"5x2-gru3-rnn3:tanh-1:identity\"", disagreement.GetMessage());
        Assert.Single(harness.Diagnostics(Declaration("5x2 - gru3 - rnn3:relu - 1"), "NG0204"));
    }

    [Fact]
    public void A_sequence_scaler_is_exported_in_front_of_a_GRU_and_ONNX_Runtime_takes_raw_sequences()
    {
        int inputs = GenGruDouble.InputCount, features = 3;
        var network = new GenGruDouble();
        Agreement.Randomize(network.Parameters, seed: 12);
        double[] raw = Agreement.RandomBatch<double>(inputs, seed: 13).Select((v, i) => 40 + 10 * (i % features) + (i % features + 2) * v).ToArray();
        int rows = raw.Length / inputs;
        FeatureScaler scaler = FeatureScaler.FitSequence(DataSet<double>.FromFlat(raw, new double[rows * 2], inputs, 2), features);
        double[] scaled = new double[raw.Length];
        for (int r = 0; r < rows; r++)
        {
            scaler.Transform<double>(raw.AsSpan(r * inputs, inputs), scaled.AsSpan(r * inputs, inputs));
        }
        using var runtime = new OnnxRuntimeRunner(OnnxExporter.ToBytes(network, scaler));
        double[] expected = Agreement.ForwardAll(network, scaled);
        double difference = Agreement.MaxAbsDifference(expected, runtime.Run(raw, GenGruDouble.InputShape.ToArray()));
        output.WriteLine($"GenGruDouble with a sequence scaler: max |Forward(scaled) - ONNX Runtime(raw)| = {difference:E2} over {rows} rows");
        Assert.True(difference < ConvolutionAgreement.DoubleTolerance, $"max difference {difference:E3}");
        using var unscaled = new OnnxRuntimeRunner(OnnxExporter.ToBytes(network));
        Assert.True(Agreement.MaxAbsDifference(expected, unscaled.Run(raw, GenGruDouble.InputShape.ToArray())) > 1e-2);
    }
}
