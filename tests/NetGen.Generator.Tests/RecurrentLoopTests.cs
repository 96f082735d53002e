using System.Reflection;
using NetGen.Generator.Tests.Probing;

namespace NetGen.Generator.Tests;

/// <summary>
/// Loop-style recurrent networks (CodeStyle.Loops, on the runtime's recurrent kernels): each cell, last-state and
/// sequence outputs, stacked layers, per-step and flattened dense heads, both precisions, shared and frozen biases.
/// Each is checked as the sweeps check (<see cref="SweepCheck"/>): Forward against a plainly written PyTorch-style
/// reference, Backward against central finite differences, TrainStep against Backward + SGD, and the batches.
/// </summary>
public class RecurrentLoopTests
{
    private static LoopRecurrentCase Case(int steps, int features, SequenceLayer[] layers, int outputs, Activation output = Activation.Identity,
        bool single = false, bool shared = false, bool train = true, Loss loss = Loss.HalfSquaredError, int seed = 1) =>
        new(steps, features, layers, outputs, Activation.Tanh, output, loss, single, shared, train, CodeStyle.Loops, seed);

    public static readonly LoopRecurrentCase[] Cases =
    {
        Case(4, 2, new SequenceLayer[] { new CellLayer("rnn", 3) }, 2),
        Case(4, 2, new SequenceLayer[] { new CellLayer("rnn", 3, Relu: true) }, 1, Activation.Sigmoid, seed: 2),
        Case(5, 2, new SequenceLayer[] { new CellLayer("gru", 3) }, 1, seed: 3),
        Case(5, 3, new SequenceLayer[] { new CellLayer("lstm", 4) }, 2, Activation.Tanh, seed: 4),
        Case(4, 2, new SequenceLayer[] { new CellLayer("rnn", 3), new CellLayer("gru", 2) }, 1, seed: 5),
        Case(4, 2, new SequenceLayer[] { new CellLayer("gru", 3), new CellLayer("lstm", 2) }, 2, Activation.Sigmoid, loss: Loss.CrossEntropy, seed: 6),
        Case(4, 2, new SequenceLayer[] { new CellLayer("lstm", 3, Sequence: true) }, 2, seed: 7),
        Case(4, 2, new SequenceLayer[] { new CellLayer("gru", 3, Sequence: true), new StepDenseLayer(2, Activation.ReLU), new CellLayer("lstm", 2) }, 1, seed: 8),
        Case(3, 2, new SequenceLayer[] { new CellLayer("gru", 2, Sequence: true), new FlattenLayer(), new StepDenseLayer(3) }, 1, Activation.Softmax, loss: Loss.CrossEntropy, seed: 9),
        Case(5, 2, new SequenceLayer[] { new CellLayer("gru", 4) }, 1, single: true, seed: 10),
        Case(5, 2, new SequenceLayer[] { new CellLayer("lstm", 3) }, 2, single: true, shared: true, seed: 11),
        Case(4, 3, new SequenceLayer[] { new CellLayer("gru", 3), new StepDenseLayer(2) }, 1, shared: true, train: false, seed: 12),
        Case(6, 2, new SequenceLayer[] { new CellLayer("rnn", 2, Sequence: true) }, 1, Activation.Identity, loss: Loss.MeanSquaredError, seed: 13),
    };

    [Fact]
    public void Loop_style_recurrent_networks_have_correct_outputs_gradients_and_steps()
    {
        string source = ProbeSource.File(Cases.Select((c, i) => ProbeSource.For("Rec" + i, c.Attribute, c.Single)));
        Assembly assembly = GeneratorHarness.CompileAndLoad(source);
        for (int i = 0; i < Cases.Length; i++)
        {
            var probe = (IProbe)Activator.CreateInstance(assembly.GetType("Rec" + i + "Probe")!)!;
            SweepCheck.Run(Cases[i], probe);
        }
    }
}
