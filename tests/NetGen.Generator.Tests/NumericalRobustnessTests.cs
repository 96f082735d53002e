using System.Reflection;
using NetGen.Generator.Tests.Probing;

namespace NetGen.Generator.Tests;

/// <summary>Extreme pre-activations (+-1000) give finite outputs, losses and gradients; cross-entropy never takes log(0).</summary>
public class NumericalRobustnessTests
{
    private static readonly (Activation Hidden, Activation Output, Loss Loss)[] Combinations =
    {
        (Activation.Sigmoid, Activation.Sigmoid, Loss.HalfSquaredError),
        (Activation.Tanh, Activation.Tanh, Loss.MeanSquaredError),
        (Activation.Tanh, Activation.Softmax, Loss.CrossEntropy),
        (Activation.Sigmoid, Activation.Softmax, Loss.HalfSquaredError),
        (Activation.ReLU, Activation.Sigmoid, Loss.CrossEntropy),
        (Activation.LeakyReLU, Activation.Identity, Loss.HalfSquaredError),
    };

    public static IEnumerable<object[]> Cases() =>
        from combination in Enumerable.Range(0, Combinations.Length)
        from single in new[] { false, true }
        from style in new[] { CodeStyle.Unrolled, CodeStyle.Loops }
        select new object[] { combination, single, style };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sums_of_plus_or_minus_1000_stay_finite(int combination, bool single, CodeStyle style)
    {
        var (hidden, output, loss) = Combinations[combination];
        var c = new NetworkCase(new[] { 2, 3, 3 }, hidden, new Activation?[2], output, loss, single, false, true, style, 0);
        Assembly assembly = GeneratorHarness.CompileAndLoad(ProbeSource.File(new[] { ProbeSource.For("Net", c.Attribute, single) }));
        var probe = (IProbe)Activator.CreateInstance(assembly.GetType("NetProbe")!)!;

        foreach (double sign in new[] { 1.0, -1.0 })
        {
            // Weights of +-1 and biases of +-1000 drive every sum to about +-1000; alternate the output
            // biases' signs so that softmax sees both a huge and a tiny sum.
            double[] parameters = new double[probe.ParameterCount];
            for (int k = 0; k < parameters.Length; k++)
            {
                parameters[k] = sign;
            }
            // Bias layout: layer 1 biases at [6, 9), layer 2 biases at [18, 21).
            for (int k = 6; k < 9; k++) parameters[k] = sign * 1000;
            for (int k = 18; k < 21; k++) parameters[k] = sign * ((k % 2 == 0) ? 1000 : -1000);
            probe.SetParameters(parameters);

            double[] input = { 0.5, -0.25 };
            double[] target = output == Activation.Softmax ? new[] { 0.0, 1.0, 0.0 } : new[] { 0.0, 1.0, 0.5 };
            double[] result = probe.Forward(input);
            var gradient = new double[probe.ParameterCount];
            double lossValue = probe.Backward(input, target, gradient);

            Assert.All(result, v => Assert.True(double.IsFinite(v), $"{c}: output {v}"));
            Assert.True(double.IsFinite(lossValue), $"{c}: loss {lossValue}");
            Assert.All(gradient, g => Assert.True(double.IsFinite(g), $"{c}: gradient {g}"));
            if (output == Activation.Softmax)
            {
                Assert.Equal(1.0, result.Sum(), single ? 1e-6 : 1e-12);
            }

            // The SIMD lanes (Vector256.Exp, the lane form of tanh) stay finite too: 8 copies fill whole blocks.
            double[] inputs = Enumerable.Repeat(input, 8).SelectMany(r => r).ToArray();
            double[] targets = Enumerable.Repeat(target, 8).SelectMany(r => r).ToArray();
            var batchGradient = new double[probe.ParameterCount];
            double batchLoss = probe.BackwardBatch(inputs, targets, batchGradient);
            Assert.True(double.IsFinite(batchLoss), $"{c}: batch loss {batchLoss}");
            Assert.Equal(8 * lossValue, batchLoss, (single ? 1e-5 : 1e-12) * Math.Max(1, Math.Abs(batchLoss)));
            Assert.All(batchGradient, g => Assert.True(double.IsFinite(g), $"{c}: batch gradient {g}"));
        }
    }
}
