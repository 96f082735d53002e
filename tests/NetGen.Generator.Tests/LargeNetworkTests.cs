using System.Diagnostics;
using System.Reflection;
using NetGen.Generator.Tests.Probing;

namespace NetGen.Generator.Tests;

/// <summary>An MNIST-sized network (784-128-10) generates, compiles and computes correct values.</summary>
public class LargeNetworkTests
{
    [Fact]
    public void Mnist_sized_network_compiles_quickly_and_matches_the_reference_and_finite_differences()
    {
        var c = new NetworkCase(new[] { 784, 128, 10 }, Activation.Sigmoid, new Activation?[2], Activation.Softmax,
            Loss.CrossEntropy, Single: false, SharedBias: false, TrainBiases: true, CodeStyle.Auto, Seed: 0);
        var clock = Stopwatch.StartNew();
        Assembly assembly = GeneratorHarness.CompileAndLoad(ProbeSource.File(new[] { ProbeSource.For("Mnist", c.Attribute, single: false) }));
        // A ceiling that catches a hang or an explosion of generated code, not a benchmark.
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"generate + compile took {clock.Elapsed}");
        var probe = (IProbe)Activator.CreateInstance(assembly.GetType("MnistProbe")!)!;
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, probe.ParameterCount);

        var random = new Random(5);
        double[] parameters = Enumerable.Range(0, probe.ParameterCount).Select(_ => (random.NextDouble() * 2 - 1) * 0.1).ToArray();
        double[] input = Enumerable.Range(0, 784).Select(_ => random.NextDouble()).ToArray();
        double[] target = new double[10];
        target[3] = 1;
        probe.SetParameters(parameters);

        var (expectedOutput, expectedLoss) = ReferenceNetwork.Run(c, parameters, input, target);
        double[] output = probe.Forward(input);
        for (int k = 0; k < 10; k++)
        {
            Assert.Equal(expectedOutput[k], output[k], 1e-12);
        }
        var gradient = new double[probe.ParameterCount];
        Assert.Equal(expectedLoss, probe.Backward(input, target, gradient), 1e-12);

        // Central differences on a random sample of parameters (all 101,770 would take minutes).
        var scratch = new double[probe.ParameterCount];
        for (int sample = 0; sample < 60; sample++)
        {
            int k = random.Next(probe.ParameterCount);
            const double h = 1e-5;
            double original = parameters[k];
            parameters[k] = original + h;
            probe.SetParameters(parameters);
            double plus = probe.Backward(input, target, scratch);
            parameters[k] = original - h;
            probe.SetParameters(parameters);
            double minus = probe.Backward(input, target, scratch);
            parameters[k] = original;
            double numeric = (plus - minus) / (2 * h);
            double error = Math.Abs(numeric - gradient[k]) / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(gradient[k])), 1e-6);
            Assert.True(error < 1e-6, $"parameter {k}: analytic {gradient[k]:R}, numeric {numeric:R}");
        }
    }
}
