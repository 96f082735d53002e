namespace NetGen.Generator.Tests;

/// <summary>Pins the generated source of representative declarations.</summary>
public class SnapshotTests
{
    private static string Declare(string attribute, string name = "Net") => $$"""
        using NetGen;
        namespace Samples;
        {{attribute}}
        public partial class {{name}} { }
        """;

    [Fact]
    public void Worked_example_2_2_2() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"2-2-2\", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, TrainBiases = false)]", "SeedNet")),
        "WorkedExample_2_2_2");

    [Fact]
    public void Three_hidden_layers() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"3-4:relu-3:tanh-2-1\", Activation.Sigmoid, Output = Activation.Identity)]")),
        "ThreeHiddenLayers");

    [Fact]
    public void Softmax_with_cross_entropy() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"4-5-3\", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]")),
        "SoftmaxCrossEntropy");

    [Fact]
    public void Single_precision() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"2-3-1\", Activation.LeakyReLU, Output = Activation.Sigmoid, Loss = Loss.CrossEntropy, Precision = Precision.Single, LeakyReLUSlope = 0.1)]")),
        "SinglePrecision");

    [Fact]
    public void Loops_form() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"5-4-3\", Activation.Sigmoid, Output = Activation.Softmax, Loss = Loss.MeanSquaredError, CodeStyle = CodeStyle.Loops)]")),
        "LoopsForm");

    [Fact]
    public void Unrolled_conv1d() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"1x5 - conv3x2:relu - maxpool2 - 1\", Activation.ReLU, Output = Activation.Sigmoid, Loss = Loss.CrossEntropy, CodeStyle = CodeStyle.Unrolled)]", "SignalNet")),
        "UnrolledConv1D");

    [Fact]
    public void Loops_conv2d() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"1x8x8 - conv3x3x4(padding=same):relu - maxpool2 - 10:softmax\", Activation.ReLU, Loss = Loss.CrossEntropy, CodeStyle = CodeStyle.Loops)]", "DigitsNet")),
        "LoopsConv2D");

    [Fact]
    public void Loops_lstm() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"3x2 - lstm2 - 1:identity\", Activation.Tanh, CodeStyle = CodeStyle.Loops)]", "StreamNet")),
        "LoopsLstm");

    /// <summary>40 steps: the gate cache and dE/d(gates) pass the stack budget and come from the scratch stack, released in a finally.</summary>
    [Fact]
    public void Loops_long_lstm() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"40x2 - lstm16 - 1:identity\", Activation.Tanh, CodeStyle = CodeStyle.Loops)]", "LongStreamNet")),
        "LoopsLongLstm");

    [Fact]
    public void Unrolled_gru() => Snapshot.Match(
        GeneratorHarness.GeneratedText(Declare("[Network(\"2x2 - gru2 - 1:identity\", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)]", "GruNet")),
        "UnrolledGru");
}
