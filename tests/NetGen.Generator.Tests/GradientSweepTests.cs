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
        CaseGen.Array[20].Sample(CheckBatch, iter: 10, threads: 1);
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

    private static void Check(NetworkCase c, IProbe probe)
    {
        var random = new Random(c.Seed);
        double[] parameters, input, target;
        int draws = 0;
        do
        {
            // Finite differences are meaningless across a ReLU kink: draw until no ReLU sum is near 0.
            parameters = Enumerable.Range(0, probe.ParameterCount).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            input = Enumerable.Range(0, probe.InputCount).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            target = Target(c, probe.OutputCount, random);
            probe.SetParameters(parameters);
            parameters = probe.GetParameters(); // As rounded to float, for single precision.
            ReferenceNetwork.Run(c, parameters, input, target, out double kinkDistance);
            if (kinkDistance > (c.Single ? 0.1 : 0.01))
            {
                break;
            }
        }
        while (++draws < 50);

        // Forward and loss against the independent implementation.
        var (expectedOutput, expectedLoss) = ReferenceNetwork.Run(c, parameters, Array.ConvertAll(input, v => c.Single ? (float)v : v), target);
        double tolerance = c.Single ? 1e-4 : 1e-12;
        double[] output = probe.Forward(input);
        for (int k = 0; k < output.Length; k++)
        {
            Assert.True(Close(expectedOutput[k], output[k], tolerance), $"{c}: output {k} is {output[k]:R}, expected {expectedOutput[k]:R}");
        }
        var gradient = new double[probe.ParameterCount];
        double loss = probe.Backward(input, target, gradient);
        Assert.True(Close(expectedLoss, loss, tolerance), $"{c}: loss {loss:R}, expected {expectedLoss:R}");

        // Backward against central finite differences of the loss. Double networks are differenced
        // through their own generated code; the floor makes gradients under 1e-4 compare absolutely (to
        // 1e-10), since no finite difference resolves a 1e-7 gradient to 6 digits. Float code cannot be
        // differenced finely enough (rounding of 6e-8 over a step of 1e-2 drowns small gradients and
        // crosses ReLU kinks), so float gradients are held against differences of the same loss
        // evaluated in double by the reference implementation at the float network's parameters.
        GradientCheck.Result check = c.Single
            ? ReferenceCheck(c, parameters, input, target, gradient, floor: 1e-3)
            : probe.CheckGradient(input, target, step: 1e-3, floor: 1e-4);
        Assert.True(check.MaxRelativeError < (c.Single ? 1e-2 : 1e-6),
            $"{c}: parameter {check.WorstParameter} analytic {check.Analytic:R} numeric {check.Numeric:R} (relative error {check.MaxRelativeError:E2})");
        Assert.True(check.Skipped <= probe.ParameterCount / 4, $"{c}: {check.Skipped} parameters skipped as kinks");
        bool[] trainable = probe.Trainable;
        for (int k = 0; k < gradient.Length; k++)
        {
            Assert.True(trainable[k] || gradient[k] == 0, $"{c}: frozen parameter {k} received a gradient");
        }

        // TrainStep against Backward followed by plain gradient descent.
        const double rate = 0.05;
        double stepLoss = probe.TrainStep(input, target, rate);
        Assert.True(Close(loss, stepLoss, c.Single ? 1e-6 : 0), $"{c}: TrainStep loss {stepLoss:R}, Backward loss {loss:R}");
        double[] stepped = probe.GetParameters();
        for (int k = 0; k < stepped.Length; k++)
        {
            double expected = parameters[k] - rate * gradient[k];
            Assert.True(Close(expected, stepped[k], c.Single ? 1e-6 : 1e-14), $"{c}: parameter {k} is {stepped[k]:R} after TrainStep, expected {expected:R}");
        }

        probe.SetParameters(parameters);
        CheckBatch(c, probe, parameters, random);
    }

    /// <summary>The analytic gradient against central differences of the reference loss, in double.</summary>
    private static GradientCheck.Result ReferenceCheck(NetworkCase c, double[] parameters, double[] input, double[] target, double[] analytic, double floor)
    {
        const double h = 1e-6;
        double worst = 0, worstAnalytic = 0, worstNumeric = 0;
        int worstIndex = -1, compared = 0;
        double[] shifted = (double[])parameters.Clone();
        double[] x = Array.ConvertAll(input, v => (double)(float)v);
        for (int k = 0; k < parameters.Length; k++)
        {
            if (!c.TrainBiases && IsBias(c, k))
            {
                continue;
            }
            shifted[k] = parameters[k] + h;
            double plus = ReferenceNetwork.Run(c, shifted, x, target).Loss;
            shifted[k] = parameters[k] - h;
            double minus = ReferenceNetwork.Run(c, shifted, x, target).Loss;
            shifted[k] = parameters[k];
            double numeric = (plus - minus) / (2 * h);
            double error = Math.Abs(analytic[k] - numeric) / Math.Max(Math.Max(Math.Abs(analytic[k]), Math.Abs(numeric)), floor);
            compared++;
            if (error > worst || worstIndex < 0)
            {
                (worst, worstIndex, worstAnalytic, worstNumeric) = (error, k, analytic[k], numeric);
            }
        }
        return new GradientCheck.Result(worst, worstIndex, worstAnalytic, worstNumeric, compared, 0);
    }

    private static bool IsBias(NetworkCase c, int index)
    {
        int offset = 0;
        for (int l = 0; l + 1 < c.Sizes.Length; l++)
        {
            int weights = c.Sizes[l] * c.Sizes[l + 1], biases = c.SharedBias ? 1 : c.Sizes[l + 1];
            if (index < offset + weights + biases)
            {
                return index >= offset + weights;
            }
            offset += weights + biases;
        }
        return false;
    }

    /// <summary>
    /// BackwardBatch against the sum of per-sample Backward calls, and TrainBatch against one step on their mean.
    /// Batch sizes cover whole SIMD blocks (4 doubles, 8 floats), the samples left over, and both together. The
    /// lanes may round differently (Vector256.Exp, summation order): the tolerance scales with the sum of |terms|.
    /// </summary>
    private static void CheckBatch(NetworkCase c, IProbe probe, double[] parameters, Random random)
    {
        double tolerance = c.Single ? 1e-5 : 1e-13;
        int samples = random.Next(1, 20);
        var rows = Enumerable.Range(0, samples)
            .Select(_ => (Input: Enumerable.Range(0, probe.InputCount).Select(_ => random.NextDouble() * 2 - 1).ToArray(), Target: Target(c, probe.OutputCount, random)))
            .ToArray();
        double[] inputs = rows.SelectMany(r => r.Input).ToArray(), targets = rows.SelectMany(r => r.Target).ToArray();

        var expected = new double[probe.ParameterCount];
        var magnitude = new double[probe.ParameterCount];
        double expectedLoss = 0, lossMagnitude = 0;
        foreach (var (input, target) in rows)
        {
            var one = new double[probe.ParameterCount];
            double loss = probe.Backward(input, target, one);
            expectedLoss += loss;
            lossMagnitude += Math.Abs(loss);
            for (int k = 0; k < one.Length; k++)
            {
                expected[k] += one[k];
                magnitude[k] += Math.Abs(one[k]);
            }
        }

        // BackwardBatch adds to what the gradient holds.
        var gradient = Enumerable.Range(0, probe.ParameterCount).Select(k => probe.Trainable[k] ? 0.25 : 0).ToArray();
        double batchLoss = probe.BackwardBatch(inputs, targets, gradient);
        Assert.True(Near(expectedLoss, batchLoss, lossMagnitude, tolerance), $"{c}, {samples} samples: BackwardBatch loss {batchLoss:R}, expected {expectedLoss:R}");
        for (int k = 0; k < gradient.Length; k++)
        {
            double start = probe.Trainable[k] ? 0.25 : 0;
            Assert.True(Near(start + expected[k], gradient[k], magnitude[k] + start, tolerance),
                $"{c}, {samples} samples: BackwardBatch gradient {k} is {gradient[k]:R}, expected {start + expected[k]:R}");
        }

        const double rate = 0.1;
        double meanLoss = probe.TrainBatch(inputs, targets, rate);
        Assert.True(Near(expectedLoss / samples, meanLoss, lossMagnitude / samples, tolerance), $"{c}, {samples} samples: TrainBatch loss {meanLoss:R}, expected {expectedLoss / samples:R}");
        double[] stepped = probe.GetParameters();
        for (int k = 0; k < stepped.Length; k++)
        {
            double target = parameters[k] - rate * expected[k] / samples;
            Assert.True(Near(target, stepped[k], Math.Abs(parameters[k]) + rate * magnitude[k] / samples, tolerance),
                $"{c}, {samples} samples: parameter {k} is {stepped[k]:R} after TrainBatch, expected {target:R}");
        }
    }

    /// <summary>|expected - actual| within tolerance of the larger of 1 and the sum of the magnitudes that made it.</summary>
    private static bool Near(double expected, double actual, double magnitude, double tolerance) =>
        Math.Abs(expected - actual) <= tolerance * Math.Max(1, magnitude);

    private static double[] Target(NetworkCase c, int count, Random random)
    {
        if (c.Loss == Loss.CrossEntropy && c.Output == Activation.Softmax)
        {
            double[] weights = Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();
            double total = weights.Sum();
            return weights.Select(w => w / total).ToArray();
        }
        bool unitInterval = c.Output is Activation.Sigmoid or Activation.Softmax;
        return Enumerable.Range(0, count).Select(_ => unitInterval ? random.NextDouble() : random.NextDouble() * 2 - 1).ToArray();
    }

    private static bool Close(double expected, double actual, double tolerance) =>
        Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected));
}
