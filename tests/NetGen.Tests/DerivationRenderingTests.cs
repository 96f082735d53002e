using System.IO;
using System.Reflection;
using System.Runtime.Intrinsics;

namespace NetGen.Tests;

/// <summary>
/// What the scalar, lane and formula renderings of the derivation must get right (issue 11, point 6): each test
/// failed before the derivation was data.
/// </summary>
public class DerivationRenderingTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void Softmax_cross_entropy_gradient_is_the_true_gradient_for_any_targets(double everyTarget)
    {
        // Targets of 0.5 sum to 1.5, zeros to 0: out - target is then not the gradient of the loss returned.
        AssertMatchesFiniteDifferences(new SoftmaxCrossEntropyNet(), everyTarget);
        AssertMatchesFiniteDifferences(new SoftmaxCrossEntropyLoops(), everyTarget);
    }

    [Fact]
    public void Softmax_cross_entropy_with_all_zero_targets_has_zero_loss_and_zero_gradient()
    {
        var net = new SoftmaxCrossEntropyNet();
        RandomParameters.Fill(net, 3);
        var gradient = new double[SoftmaxCrossEntropyNet.ParameterCount];
        double loss = net.Backward(new[] { 0.3, -0.2, 0.9 }, new double[3], gradient);
        Assert.Equal(0.0, loss);
        Assert.All(gradient, g => Assert.Equal(0.0, g));
    }

    private static void AssertMatchesFiniteDifferences<TNet>(TNet net, double everyTarget)
        where TNet : INetwork<TNet, double>
    {
        RandomParameters.Fill(net, 11, scale: 1);
        double[] input = { 0.3, -0.7, 0.9 };
        double[] target = { everyTarget, everyTarget, everyTarget };
        GradientCheck.Result result = GradientCheck.Run<TNet, double>(net, input, target, 1e-4, 1e-6);
        Assert.True(result.MaxRelativeError < 1e-6,
            $"{typeof(TNet).Name}, targets {everyTarget}: {TNet.ParameterNames[result.WorstParameter]} analytic {result.Analytic:R} numeric {result.Numeric:R}");
    }

    [Fact]
    public void Float_tanh_network_in_lanes_agrees_with_Backward_when_sums_are_tiny()
    {
        // The case: weights about 1e-3, nine rows (two blocks of eight in lanes, one left over).
        var net = new SmallSumTanhFloat();
        float[] parameters = { 1e-3f, -2e-3f, 1.5e-3f, 0.7e-3f, -1.1e-3f, 2e-6f, -0.5e-3f, 0.9e-3f };
        parameters.CopyTo(net.Parameters);
        var inputs = new float[9 * 3];
        var targets = new float[9 * 2];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = (k % 7 - 3) * 0.37f;
        }
        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] = (k % 5 - 2) * 0.1f;
        }
        var batch = new float[SmallSumTanhFloat.ParameterCount];
        var oneByOne = new double[SmallSumTanhFloat.ParameterCount];
        net.BackwardBatch(inputs, targets, batch);
        for (int s = 0; s < 9; s++)
        {
            var single = new float[SmallSumTanhFloat.ParameterCount];
            net.Backward(inputs.AsSpan(s * 3, 3), targets.AsSpan(s * 2, 2), single);
            for (int k = 0; k < single.Length; k++)
            {
                oneByOne[k] += single[k];
            }
        }
        for (int k = 0; k < batch.Length; k++)
        {
            double scale = Math.Max(Math.Abs(oneByOne[k]), 1e-6);
            Assert.True(Math.Abs(batch[k] - oneByOne[k]) / scale < 1e-5,
                $"parameter {SmallSumTanhFloat.ParameterNames[k]}: lanes {batch[k]:R}, one by one {oneByOne[k]:R}");
        }
    }

    public static IEnumerable<object[]> TanhArguments() => new[]
    {
        1e-30, 1e-12, 1e-6, 1e-3, 0.1, 0.3, 0.6, 0.624, 0.625, 0.7, 1, 2, 5, 9, 20, 40, 400,
    }.SelectMany(x => new[] { new object[] { x }, new object[] { -x } });

    [Theory]
    [MemberData(nameof(TanhArguments))]
    public void Lane_tanh_is_within_a_few_ulps_of_the_scalar_one(double x)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return;
        }
        var lanesDouble = (Func<Vector256<double>, Vector256<double>>)Delegate.CreateDelegate(
            typeof(Func<Vector256<double>, Vector256<double>>), TanhLanesOf(typeof(SmallSumTanhDouble)));
        var lanesFloat = (Func<Vector256<float>, Vector256<float>>)Delegate.CreateDelegate(
            typeof(Func<Vector256<float>, Vector256<float>>), TanhLanesOf(typeof(SmallSumTanhFloat)));
        Assert.InRange(Ulps(lanesDouble(Vector256.Create(x)).GetElement(0), Math.Tanh(x)), 0, 4);
        Assert.InRange(Ulps(lanesFloat(Vector256.Create((float)x)).GetElement(0), MathF.Tanh((float)x)), 0, 4);
    }

    private static MethodInfo TanhLanesOf(Type network) =>
        network.GetMethod("TanhLanes", BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException($"{network.Name} has no TanhLanes helper.");

    private static long Ulps(double a, double b) => Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    private static long Ulps(float a, float b) => Math.Abs((long)BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));

    [Fact]
    public void A_negative_value_after_a_minus_sign_reads_as_correct_arithmetic()
    {
        // sum_h1 = 0.1 * -1 + 0.3 * -1 + 0.25 = -0.15, so out_h1's formula substitutes a negative after '-'.
        var unrolled = new WorkedExampleNet();
        var looped = new LoopedWorkedExampleNet();
        PublishedWalkthrough.Load(unrolled.Parameters, WorkedExampleNet.ParameterNames);
        PublishedWalkthrough.Load(looped.Parameters, LoopedWorkedExampleNet.ParameterNames);
        foreach (Func<TextWriter, double> explain in new Func<TextWriter, double>[]
        {
            writer => unrolled.Explain(new[] { -1.0, -1.0 }, new[] { 0.05, 0.95 }, writer),
            writer => looped.Explain(new[] { -1.0, -1.0 }, new[] { 0.05, 0.95 }, writer),
        })
        {
            var text = new StringWriter();
            explain(text);
            string markdown = text.ToString();
            Assert.Contains("| `out_h1` | `1.0 / (1.0 + Exp(-sum_h1))` | `1.0 / (1.0 + Exp(-(-0.15)))` |", markdown);
            Assert.Contains("| `sum_h1` | `w_h1_i1 * i1 + w_h1_i2 * i2 + b_h` | `0.1 * (-1) + 0.3 * (-1) + 0.25` |", markdown);
            Assert.All(markdown.Split('\n').Where(line => !line.StartsWith("|---", StringComparison.Ordinal)),
                line => Assert.DoesNotContain("--", line));
        }
    }

    [Fact]
    public void Substitute_fills_holes_in_order_and_parenthesises_negatives_after_operators()
    {
        Assert.Equal("-1.5 * 2 + (-3)", Runtime.ExplainText.Substitute("{0} * {1} + {2}", -1.5, 2.0, -3.0));
        Assert.Equal("Exp(-(-0.25))", Runtime.ExplainText.Substitute("Exp(-{0})", -0.25));
        Assert.Equal("Max(-1, 0.0f)", Runtime.ExplainText.Substitute("Max({0}, 0.0f)", -1f));
    }
}
