using System.Reflection;
using CsCheck;
using NetGen.Generator.Tests.Probing;

namespace NetGen.Generator.Tests;

/// <summary>
/// The convolution sweep with every network in CodeStyle.Loops, where the runtime kernels do the work: Forward
/// against the plainly written reference, Backward against central finite differences, TrainStep against
/// Backward + SGD, and BackwardBatch/TrainBatch against sums of per-sample calls (<see cref="SweepCheck"/>).
/// </summary>
public class LoopConvolutionSweepTests
{
    private static readonly Gen<FeatureNetworkCase> CaseGen =
        from seed in Gen.Int[0, int.MaxValue - 1]
        select ConvolutionSweepTests.Draw(new Random(seed), CodeStyle.Loops, seed);

    [Fact]
    public void Random_loop_style_convolutional_networks_have_correct_gradients_outputs_and_steps()
    {
        CaseGen.Array[16].Sample(CheckBatch, iter: 5, threads: 1);
    }

    private static void CheckBatch(FeatureNetworkCase[] cases)
    {
        string source = ProbeSource.File(cases.Select((c, i) => ProbeSource.For("LoopConv" + i, c.Attribute, c.Single)));
        Assembly assembly = GeneratorHarness.CompileAndLoad(source);
        for (int i = 0; i < cases.Length; i++)
        {
            var probe = (IProbe)Activator.CreateInstance(assembly.GetType("LoopConv" + i + "Probe")!)!;
            SweepCheck.Run(cases[i], probe);
        }
    }
}
