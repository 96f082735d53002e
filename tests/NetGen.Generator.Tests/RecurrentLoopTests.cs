using System.Reflection;
using CsCheck;
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
        // Past the 32 KiB that an entry point keeps on the stack (Limits.LoopStackBytes): the LSTM's gate cache (30 KB)
        // and dE/d(gates) (20 KB) come from the scratch stack; in single precision the GRU's sequence feeds an LSTM whose
        // cache, the per-step head's outputs and the GRU's dE/dgates do.
        Case(40, 2, new SequenceLayer[] { new CellLayer("lstm", 16) }, 1, seed: 14),
        Case(100, 3, new SequenceLayer[] { new CellLayer("gru", 12, Sequence: true), new CellLayer("lstm", 8, Sequence: true), new StepDenseLayer(2) }, 1,
            Activation.Sigmoid, single: true, seed: 15),
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

    private static readonly Activation[] ElementWise =
        { Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU };

    /// <summary>Compilations of 10 networks each.</summary>
    private static readonly int Batches = SweepCheck.Batches(local: 2, ci: 6);

    [Fact]
    public void Random_loop_style_recurrent_networks_match_the_reference_and_finite_differences()
    {
        Gen.Int[0, int.MaxValue - 1].Select(seed => Draw(new Random(seed), seed)).Array[10].Sample(cases =>
        {
            string source = ProbeSource.File(cases.Select((c, i) => ProbeSource.For("Swept" + i, c.Attribute, c.Single)));
            Assembly assembly = GeneratorHarness.CompileAndLoad(source);
            for (int i = 0; i < cases.Length; i++)
            {
                SweepCheck.Run(cases[i], (IProbe)Activator.CreateInstance(assembly.GetType("Swept" + i + "Probe")!)!);
            }
        }, iter: Batches, threads: 1);
    }

    /// <summary>Each cell, 1 to 6 steps, 1 to 3 stacked layers, every head, both precisions, in loops.</summary>
    private static RecurrentNetworkCase Draw(Random random, int seed)
    {
        var layers = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => new RecurrentLayer((Cell)random.Next(3), random.Next(1, 5), random.Next(3) == 0))
            .Select(l => l.Cell == Cell.Rnn ? l : l with { Relu = false })
            .ToArray();
        var head = (RecurrentHead)random.Next(3);
        int? dense = random.Next(2) == 0 ? random.Next(1, 4) : null;
        Activation? denseActivation = dense is null || random.Next(2) == 0 ? null : ElementWise[random.Next(ElementWise.Length)];
        Activation output = random.Next(4) == 0 ? Activation.Softmax : ElementWise[random.Next(ElementWise.Length)];
        var loss = (Loss)random.Next(3);
        if (loss == Loss.CrossEntropy && output is not (Activation.Softmax or Activation.Sigmoid))
        {
            loss = Loss.HalfSquaredError;
        }
        return new RecurrentNetworkCase(random.Next(1, 7), random.Next(1, 4), layers, head, dense, denseActivation, random.Next(1, 4),
            ElementWise[random.Next(ElementWise.Length)], output, loss, Single: random.Next(2) == 0, SharedBias: random.Next(4) == 0,
            TrainBiases: random.Next(4) != 0, CodeStyle.Loops, seed);
    }
}
