namespace NetGen.Tests.Training;

/// <summary>Each optimizer's first steps against values worked out by hand (exact decimal arithmetic).</summary>
public class OptimizerTests
{
    // Two trainable parameters and a frozen one, and the gradients of two steps.
    private static readonly bool[] Trainable = { true, true, false };
    private static readonly double[] Gradient1 = { 0.5, -1.0, 3.0 };
    private static readonly double[] Gradient2 = { 0.2, 0.4, -3.0 };

    private static double[] TwoSteps(Optimizer optimizer)
    {
        double[] parameters = { 1.0, -2.0, 0.7 };
        IOptimizerState<double> state = optimizer.CreateState<double>(3);
        state.Step(parameters, Gradient1, Trainable);
        state.Step(parameters, Gradient2, Trainable);
        return parameters;
    }

    [Fact]
    public void Sgd_subtracts_the_learning_rate_times_the_gradient()
    {
        double[] p = TwoSteps(new Sgd(0.1));
        // 1 - 0.1 (0.5 + 0.2) = 0.93; -2 - 0.1 (-1 + 0.4) = -1.94.
        Assert.Equal(0.93, p[0], 1e-15);
        Assert.Equal(-1.94, p[1], 1e-15);
        Assert.Equal(0.7, p[2]);
    }

    [Fact]
    public void Momentum_carries_the_last_step()
    {
        double[] p = TwoSteps(new Momentum(0.1, 0.9));
        // v1 = -0.1 g1 = (-0.05, 0.1); p = (0.95, -1.9).
        // v2 = 0.9 v1 - 0.1 g2 = (-0.045 - 0.02, 0.09 - 0.04) = (-0.065, 0.05); p = (0.885, -1.85).
        Assert.Equal(0.885, p[0], 1e-15);
        Assert.Equal(-1.85, p[1], 1e-15);
        Assert.Equal(0.7, p[2]);
    }

    [Fact]
    public void Adam_follows_algorithm_1_of_the_paper()
    {
        double[] parameters = { 1.0, -2.0, 0.7 };
        IOptimizerState<double> state = new Adam(0.1).CreateState<double>(3);

        // Step 1: m^ = g, v^ = g^2, so p moves by alpha g / (|g| + eps).
        state.Step(parameters, Gradient1, Trainable);
        Assert.Equal(0.90000000199999996, parameters[0], 1e-15);
        Assert.Equal(-1.90000000099999999, parameters[1], 1e-15);

        // Step 2, from 40-digit decimal arithmetic of m = 0.9 m + 0.1 g, v = 0.999 v + 0.001 g^2,
        // m^ = m / (1 - 0.9^2), v^ = v / (1 - 0.999^2), p -= 0.1 m^ / (sqrt(v^) + 1e-8).
        state.Step(parameters, Gradient2, Trainable);
        Assert.Equal(0.81014248390292759, parameters[0], 1e-15);
        Assert.Equal(-1.86543941666262571, parameters[1], 1e-15);
        Assert.Equal(0.7, parameters[2]);
    }

    [Fact]
    public void Adam_in_float_agrees_with_double_to_float_precision()
    {
        float[] parameters = { 1f, -2f, 0.7f };
        IOptimizerState<float> state = new Adam(0.1).CreateState<float>(3);
        state.Step(parameters, Gradient1.Select(g => (float)g).ToArray(), Trainable);
        state.Step(parameters, Gradient2.Select(g => (float)g).ToArray(), Trainable);
        Assert.Equal(0.81014248f, parameters[0], 1e-6f);
        Assert.Equal(-1.8654394f, parameters[1], 1e-6f);
        Assert.Equal(0.7f, parameters[2]);
    }

    [Fact]
    public void Settings_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(0.1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: 0));
        Assert.Throws<ArgumentException>(() => new Sgd(0.1).CreateState<double>(3).Step(new double[2], new double[3], Trainable));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adam")]
    public void Steps_taken_in_ranges_equal_one_whole_step_to_the_bit(string name)
    {
        // The trainer's parallel update: BeginStep, then StepRange over ranges that split vectors and a tail;
        // against the public Step over the same flags, three steps in a row (Adam's t, velocities, moments).
        const int Count = 203;
        Optimizer settings = name switch { "sgd" => new Sgd(0.1), "momentum" => new Momentum(0.1, 0.8), _ => new Adam(0.01) };
        bool[] trainable = Enumerable.Range(0, Count).Select(k => k % 7 != 3).ToArray();
        double[] mask = trainable.Select(t => t ? 1.0 : 0.0).ToArray();
        double[] whole = RandomParameters.Vector(Count, 1), ranged = (double[])whole.Clone();
        IOptimizerState<double> wholeState = settings.CreateState<double>(Count);
        var rangedState = (IRangedOptimizerState<double>)settings.CreateState<double>(Count);
        for (int step = 0; step < 3; step++)
        {
            double[] gradient = RandomParameters.Vector(Count, 10 + step);
            wholeState.Step(whole, gradient, trainable);
            rangedState.BeginStep();
            foreach ((int start, int end) in new[] { (0, 13), (13, 64), (64, 200), (200, Count) })
            {
                rangedState.StepRange(ranged, gradient.AsSpan(start, end - start), mask, start, end - start);
            }
        }
        Assert.Equal(TestData.Bits(whole), TestData.Bits(ranged));
        // An empty mask means every parameter is trainable: the same bits as a whole step with all flags set.
        double[] allWhole = RandomParameters.Vector(Count, 2), allRanged = (double[])allWhole.Clone();
        IOptimizerState<double> allWholeState = settings.CreateState<double>(Count);
        var allRangedState = (IRangedOptimizerState<double>)settings.CreateState<double>(Count);
        double[] allGradient = RandomParameters.Vector(Count, 20);
        allWholeState.Step(allWhole, allGradient, Enumerable.Repeat(true, Count).ToArray());
        allRangedState.BeginStep();
        allRangedState.StepRange(allRanged, allGradient.AsSpan(0, 100), ReadOnlySpan<double>.Empty, 0, 100);
        allRangedState.StepRange(allRanged, allGradient.AsSpan(100), ReadOnlySpan<double>.Empty, 100, Count - 100);
        Assert.Equal(TestData.Bits(allWhole), TestData.Bits(allRanged));
        Assert.Equal(whole.Where((_, k) => !trainable[k]), RandomParameters.Vector(Count, 1).Where((_, k) => !trainable[k]));
    }
}
