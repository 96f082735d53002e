using System.Globalization;
using System.IO;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests.Recurrent;

/// <summary>
/// Recurrent models exported by PyTorch 1.13 (Fixtures/make_rnn_fixtures.py, batch_first=True) import into the layers
/// PyTorch declared, with parameters that compute what ONNX Runtime computes on the file and what PyTorch computed
/// (its outputs committed beside each model), to 1e-5 in float. The network is computed from the imported
/// parameters by <see cref="RecurrentLayers"/> (PyTorch's definitions, written in the tests).
/// </summary>
public class RecurrentFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Fixtures() => new()
    {
        { "gru_last", "Gru[4]:Tanh - Dense[2]:Identity" },
        { "lstm_last", "Lstm[4]:Tanh - Dense[1]:Sigmoid" },
        { "rnn_relu_slice", "SimpleRnn[3]:ReLU - Dense[2]:Tanh" },
        { "lstm_sequence", "Lstm[5x4]:Tanh - PerStepDense[5x2]:Identity" },
        { "gru_stacked", "Gru[5x3]:Tanh - SimpleRnn[3]:Tanh - Dense[1]:Identity" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_PyTorch_recurrent_export_imports_as_its_layers_and_agrees_with_ONNX_Runtime_and_PyTorch(string fixture, string layers)
    {
        byte[] model = File.ReadAllBytes(Fixture(fixture + ".onnx"));
        ImportedRecurrent network = ImportedRecurrent.From(ImporterProbe.Import(model), model);
        Assert.Equal(layers, network.Describe());
        Assert.False(network.SharedBias);

        int inputs = network.InputShape.Aggregate(1, (a, b) => a * b);
        float[] batch = Agreement.RandomBatch<float>(inputs, seed: 17);
        using var runtime = new OnnxRuntimeRunner(model);
        float[] expected = runtime.Run(batch, network.InputShape);
        float[] actual = ForwardAll(network, batch.Select(v => (double)v).ToArray(), inputs);
        double worst = Agreement.MaxAbsDifference(expected, actual);

        double pytorch = 0;
        foreach (string line in File.ReadAllLines(Fixture(fixture + ".expected.txt")))
        {
            string[] parts = line.Split('|');
            double[] x = Numbers(parts[0]), y = Numbers(parts[1]);
            double[] mine = network.Forward(x);
            pytorch = Math.Max(pytorch, y.Zip(mine, (a, b) => Math.Abs(a - b)).Max());
        }
        output.WriteLine($"{fixture} ({network.Describe()}): max |imported - ONNX Runtime| = {worst:E2} over {Agreement.BatchSize} inputs, max |imported - PyTorch| = {pytorch:E2} over 16");
        Assert.True(Agreement.Spread(expected) > 0.05, "the outputs barely vary; the comparison would prove little");
        Assert.True(worst < 1e-5, $"max difference from ONNX Runtime {worst:E3}");
        Assert.True(pytorch < 1e-5, $"max difference from PyTorch {pytorch:E3}");

        // The comparison can fail: moving the first recurrent weight moves the outputs away from ONNX Runtime's.
        network.Parameters[0] += 0.5;
        Assert.True(Agreement.MaxAbsDifference(expected, ForwardAll(network, batch.Select(v => (double)v).ToArray(), inputs)) > 1e-4);
    }

    private static float[] ForwardAll(ImportedRecurrent network, double[] batch, int inputs) =>
        Enumerable.Range(0, batch.Length / inputs).SelectMany(r => network.Forward(batch[(r * inputs)..((r + 1) * inputs)])).Select(v => (float)v).ToArray();

    internal static string Fixture(string name, [System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path))!, "Fixtures", name);

    private static double[] Numbers(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
