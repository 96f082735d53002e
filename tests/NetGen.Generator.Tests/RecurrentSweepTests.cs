using System.Reflection;
using CsCheck;
using NetGen.Generator.Tests.Probing;

namespace NetGen.Generator.Tests;

/// <summary>
/// The random sweep over unrolled recurrent networks: SimpleRNN (tanh, ReLU), GRU and LSTM, 1 to 6 steps, stacked,
/// returning the last state or the sequence to a per-step, flattened or last-state dense head, both precisions,
/// frozen or trained biases; each checked as the dense sweep checks (<see cref="SweepCheck"/>): Forward against
/// <see cref="ReferenceRecurrentNetwork"/>, Backward against central finite differences, TrainStep and the batches;
/// and the streaming Step, T steps from a zero state, against Forward bit for bit.
/// </summary>
public class RecurrentSweepTests
{
    private static readonly Activation[] ElementWise =
        { Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU };

    private static readonly Gen<RecurrentNetworkCase> CaseGen =
        from seed in Gen.Int[0, int.MaxValue - 1]
        select Draw(new Random(seed), CodeStyle.Unrolled, seed);

    /// <summary>Compilations of 10 networks each (one takes about 20 s on a busy two-core machine; the corners below run too).</summary>
    private static readonly int Batches = SweepCheck.Batches(local: 1, ci: 8);

    [Fact]
    public void Random_recurrent_networks_have_correct_gradients_outputs_steps_and_streaming()
    {
        CaseGen.Array[10].Sample(CheckBatch, iter: Batches, threads: 1);
    }

    /// <summary>Every cell, with each head, at one and at several steps: the sweep's corners drawn on purpose.</summary>
    [Fact]
    public void Every_cell_with_every_head_is_correct()
    {
        var cases = new List<RecurrentNetworkCase>();
        int seed = 17;
        foreach (Cell cell in Enum.GetValues<Cell>())
        {
            foreach (RecurrentHead head in Enum.GetValues<RecurrentHead>())
            {
                foreach (int steps in new[] { 1, 3 })
                {
                    cases.Add(new RecurrentNetworkCase(steps, 2, new[] { new RecurrentLayer(cell, 2) }, head, null, null, 2,
                        Activation.Tanh, Activation.Identity, Loss.HalfSquaredError, Single: false, SharedBias: false, TrainBiases: true, CodeStyle.Unrolled, seed++));
                }
            }
        }
        CheckBatch(cases.ToArray());
    }

    internal static RecurrentNetworkCase Draw(Random random, CodeStyle style, int seed)
    {
        int steps = random.Next(1, 7), features = random.Next(1, 4);
        var layers = Enumerable.Range(0, random.Next(3) == 0 ? 2 : 1).Select(_ =>
        {
            var cell = (Cell)random.Next(3);
            return new RecurrentLayer(cell, random.Next(1, 4), cell == Cell.Rnn && random.Next(3) == 0);
        }).ToArray();
        var head = (RecurrentHead)random.Next(3);
        int? hiddenDense = random.Next(3) == 0 ? random.Next(1, 4) : null;
        Activation? hiddenActivation = hiddenDense is not null && random.Next(2) == 0 ? ElementWise[random.Next(ElementWise.Length)] : null;
        Activation output = random.Next(4) == 0 ? Activation.Softmax : ElementWise[random.Next(ElementWise.Length)];
        Loss loss = (Loss)random.Next(3);
        if (loss == Loss.CrossEntropy && output is not (Activation.Softmax or Activation.Sigmoid))
        {
            loss = Loss.HalfSquaredError;
        }
        return new RecurrentNetworkCase(steps, features, layers, head, hiddenDense, hiddenActivation, random.Next(1, 4),
            ElementWise[random.Next(ElementWise.Length)], output, loss,
            Single: random.Next(2) == 0, SharedBias: random.Next(4) == 0, TrainBiases: random.Next(4) != 0, style, seed);
    }

    private static void CheckBatch(RecurrentNetworkCase[] cases)
    {
        string source = ProbeSource.File(cases.Select((c, i) =>
            ProbeSource.For("Rnn" + i, c.Attribute, c.Single) + (c.Head == RecurrentHead.Flatten ? "" : "\n\n" + StepProbeSource.For("Rnn" + i, c.Single))));
        Assembly assembly = GeneratorHarness.CompileAndLoad(source);
        for (int i = 0; i < cases.Length; i++)
        {
            RecurrentNetworkCase c = cases[i];
            var probe = (IProbe)Activator.CreateInstance(assembly.GetType("Rnn" + i + "Probe")!)!;
            Assert.Equal(c.Steps * c.Features, probe.InputCount);
            Assert.Equal(c.OutputCount, probe.OutputCount);
            SweepCheck.Run(c, probe);
            if (c.Head != RecurrentHead.Flatten)
            {
                CheckStep(c, probe, (IStepProbe)Activator.CreateInstance(assembly.GetType("Rnn" + i + "Stepper")!)!);
            }
        }
    }

    /// <summary>T calls of Step from a zero state give Forward's outputs exactly: the last step's, or each step's for a per-step head.</summary>
    private static void CheckStep(RecurrentNetworkCase c, IProbe probe, IStepProbe stepper)
    {
        var random = new Random(c.Seed + 1);
        double[] parameters = Enumerable.Range(0, probe.ParameterCount).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] input = Enumerable.Range(0, probe.InputCount).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        probe.SetParameters(parameters);
        double[] forward = probe.Forward(input);
        Assert.Equal(c.Steps, stepper.Steps);
        Assert.Equal(c.Features, stepper.StepInputCount);
        double[] streamed = stepper.RunSteps(parameters, input);
        double[] compared = c.Head == RecurrentHead.PerStep ? streamed : streamed[^stepper.StepOutputCount..];
        Assert.Equal(forward.Length, compared.Length);
        for (int k = 0; k < forward.Length; k++)
        {
            Assert.True(forward[k] == compared[k], $"{c}: Step output {k} is {compared[k]:R}, Forward's {forward[k]:R}");
        }
    }
}
