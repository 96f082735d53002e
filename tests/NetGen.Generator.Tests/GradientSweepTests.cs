using System.Reflection;
using CsCheck;
using NetGen.Generator.Tests.Probing;

namespace NetGen.Generator.Tests;

/// <summary>
/// A property-based sweep over random multilayer perceptrons: each drawn declaration goes through the
/// real generator, is compiled and loaded, and its Backward is held against finite differences, its
/// Forward and loss against an independent implementation, and its TrainStep against Backward + SGD.
/// </summary>
public class GradientSweepTests
{
    private static readonly Activation[] ElementWise =
        { Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU };

    private static readonly Gen<NetworkCase> CaseGen =
        from layers in Gen.Int[1, 4]
        from sizes in Gen.Int[1, 12].Array[layers + 1]
        from hidden in Gen.OneOfConst(ElementWise)
        from overrides in Gen.OneOfConst(ElementWise.Select(a => (Activation?)a).Append(null).Append(null).ToArray()).Array[layers]
        from output in Gen.OneOfConst(ElementWise.Append(Activation.Softmax).ToArray())
        from loss in Gen.OneOfConst(Loss.HalfSquaredError, Loss.MeanSquaredError, Loss.CrossEntropy)
        from single in Gen.Bool
        from shared in Gen.Bool
        from train in Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false)))
        from style in Gen.OneOfConst(CodeStyle.Unrolled, CodeStyle.Loops)
        from seed in Gen.Int[0, 1_000_000]
        select new NetworkCase(sizes, hidden, overrides, output,
            loss == Loss.CrossEntropy && output is not (Activation.Softmax or Activation.Sigmoid) ? Loss.HalfSquaredError : loss,
            single, shared, train, style, seed);

    [Fact]
    public void Random_networks_have_correct_gradients_outputs_and_steps()
    {
        // Batches of networks share one compilation, which keeps the sweep to seconds.
        CaseGen.Array[20].Sample(CheckBatch, iter: SweepCheck.Batches(local: 5, ci: 10), threads: 1);
    }

    private static void CheckBatch(NetworkCase[] cases)
    {
        string source = ProbeSource.File(cases.Select((c, i) => ProbeSource.For("Net" + i, c.Attribute, c.Single)));
        Assembly assembly = GeneratorHarness.CompileAndLoad(source);
        for (int i = 0; i < cases.Length; i++)
        {
            var probe = (IProbe)Activator.CreateInstance(assembly.GetType("Net" + i + "Probe")!)!;
            Check(cases[i], probe);
        }
    }

    private static void Check(NetworkCase c, IProbe probe) => SweepCheck.Run(c, probe);
}
