using NetGen.Generator.Tests.Probing;

namespace NetGen.Generator.Tests;

/// <summary>What a random sweep needs of a drawn network to check it: its declaration's facts and an independent forward pass.</summary>
public interface ISweepCase
{
    bool Single { get; }

    Loss Loss { get; }

    Activation Output { get; }

    int Seed { get; }

    /// <summary>The outputs and loss in double, written plainly; <paramref name="kinkDistance"/> is how far the point is from a kink (a ReLU sum near 0, a near tie in a max).</summary>
    (double[] Output, double Loss) Reference(double[] parameters, double[] input, double[] target, out double kinkDistance);
}

/// <summary>
/// The checks of the random sweeps, for any network: Forward and loss against an independent implementation,
/// Backward against central finite differences, TrainStep against Backward + SGD, and the batch entry points
/// against sums of per-sample calls.
/// </summary>
internal static class SweepCheck
{
    /// <summary>
    /// How many batches a sweep compiles and checks: NETGEN_SWEEP_BATCHES when set; <paramref name="ci"/> under CI
    /// (CI=true, as .ci/run sets it); else <paramref name="local"/>, so that the README's <c>dotnet test</c> stays quick.
    /// </summary>
    public static int Batches(int local, int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable("NETGEN_SWEEP_BATCHES"), out int batches) && batches > 0 ? batches
        : string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? ci
        : local;

    public static void Run(ISweepCase c, IProbe probe)
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
            c.Reference(parameters, input, target, out double kinkDistance);
            if (kinkDistance > (c.Single ? 0.1 : 0.01))
            {
                break;
            }
        }
        while (++draws < 50);

        // Forward and loss against the independent implementation.
        var (expectedOutput, expectedLoss) = c.Reference(parameters, Array.ConvertAll(input, v => c.Single ? (float)v : v), target, out _);
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
            ? ReferenceCheck(c, probe.Trainable, parameters, input, target, gradient, floor: 1e-3)
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
    private static GradientCheck.Result ReferenceCheck(ISweepCase c, bool[] trainable, double[] parameters, double[] input, double[] target, double[] analytic, double floor)
    {
        const double h = 1e-6;
        double worst = 0, worstAnalytic = 0, worstNumeric = 0;
        int worstIndex = -1, compared = 0;
        double[] shifted = (double[])parameters.Clone();
        double[] x = Array.ConvertAll(input, v => (double)(float)v);
        for (int k = 0; k < parameters.Length; k++)
        {
            if (!trainable[k])
            {
                continue;
            }
            shifted[k] = parameters[k] + h;
            double plus = c.Reference(shifted, x, target, out _).Loss;
            shifted[k] = parameters[k] - h;
            double minus = c.Reference(shifted, x, target, out _).Loss;
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

    /// <summary>
    /// BackwardBatch against the sum of per-sample Backward calls, and TrainBatch against one step on their mean.
    /// Batch sizes cover whole SIMD blocks (4 doubles, 8 floats), the samples left over, and both together. The
    /// lanes may round differently (Vector256.Exp, summation order): the tolerance scales with the sum of |terms|.
    /// </summary>
    private static void CheckBatch(ISweepCase c, IProbe probe, double[] parameters, Random random)
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

    private static double[] Target(ISweepCase c, int count, Random random)
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
