namespace NetGen.Tests.Training;

/// <summary>Bad rows and diverging runs: a clear error naming the row or epoch, and parameters never lost.</summary>
public class BadInputTests
{
    private static readonly TrainerOptions Options = new() { Epochs = 5, BatchSize = 4 };

    private static (double[][] Inputs, double[][] Targets) Rows()
    {
        DataSet<double> data = TestData.Regression(8, 3, 2, 1);
        return (Enumerable.Range(0, 8).Select(r => data.Input(r).ToArray()).ToArray(),
                Enumerable.Range(0, 8).Select(r => data.Target(r).ToArray()).ToArray());
    }

    private static InvalidTrainingDataException FitRows(double[][] inputs, double[][] targets)
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        double[] before = TestData.Copy(net);
        var error = Assert.Throws<InvalidTrainingDataException>(() => new Trainer<SigmoidNet, double>(Options).Fit(net, inputs, targets));
        Assert.Equal(before, TestData.Copy(net));
        return error;
    }

    [Fact]
    public void An_input_row_of_the_wrong_width_is_named()
    {
        var (inputs, targets) = Rows();
        inputs[5] = new[] { 0.1, 0.2 };
        var error = FitRows(inputs, targets);
        Assert.Equal(5, error.Row);
        Assert.False(error.InTarget);
        Assert.Contains("Input row 5 (rows count from 0) has 2 values; it must have 3", error.Message);
    }

    [Fact]
    public void A_target_row_of_the_wrong_width_is_named()
    {
        var (inputs, targets) = Rows();
        targets[2] = new[] { 0.1, 0.2, 0.3 };
        var error = FitRows(inputs, targets);
        Assert.Equal(2, error.Row);
        Assert.True(error.InTarget);
        Assert.Contains("Target row 2 (rows count from 0) has 3 values", error.Message);
    }

    [Theory]
    [InlineData(false, 6, 1, double.NaN, "NaN")]
    [InlineData(false, 0, 2, double.PositiveInfinity, "Infinity")]
    [InlineData(true, 3, 0, double.NaN, "NaN")]
    [InlineData(true, 7, 1, double.NegativeInfinity, "-Infinity")]
    public void A_non_finite_value_is_named_by_row_and_column(bool inTarget, int row, int column, double value, string shown)
    {
        var (inputs, targets) = Rows();
        (inTarget ? targets : inputs)[row][column] = value;
        var error = FitRows(inputs, targets);
        Assert.Equal((row, column, inTarget), (error.Row, error.Column, error.InTarget));
        Assert.Contains($"row {row}, column {column} (both count from 0) is {shown}", error.Message);
    }

    [Fact]
    public void Selecting_a_row_outside_the_data_set_says_rows_count_from_0()
    {
        DataSet<double> data = TestData.Regression(8, 3, 2, 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => data.Select(new[] { 0, 8 }));
        Assert.Contains("Row 8 is not in the data set; its rows are 0 to 7 (rows count from 0).", error.Message);
    }

    [Fact]
    public void A_null_row_is_named_counting_from_0()
    {
        var (inputs, targets) = Rows();
        inputs[0] = null!;
        Assert.Contains("Input row 0 (rows count from 0) is null.", FitRows(inputs, targets).Message);
    }

    [Fact]
    public void A_data_set_for_another_network_is_refused_before_training()
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        double[] before = TestData.Copy(net);
        var error = Assert.Throws<ArgumentException>(() => new Trainer<SigmoidNet, double>(Options).Fit(net, TestData.Regression(8, 4, 2, 1)));
        Assert.Contains("4 inputs", error.Message);
        Assert.Equal(before, TestData.Copy(net));
    }

    [Fact]
    public void Non_finite_starting_parameters_are_refused()
    {
        var net = new SigmoidNet();
        net.Parameters[3] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => new Trainer<SigmoidNet, double>(Options).Fit(net, TestData.Regression(8, 3, 2, 1)));
        Assert.Contains(SigmoidNet.ParameterNames[3], error.Message);
    }

    [Fact]
    public void Early_stopping_without_validation_rows_is_refused()
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        Assert.Throws<ArgumentException>(() =>
            new Trainer<SigmoidNet, double>(new TrainerOptions { EarlyStoppingPatience = 3 }).Fit(net, TestData.Regression(8, 3, 2, 1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_diverging_learning_rate_stops_with_the_epoch_and_the_last_good_parameters(int batchSize)
    {
        var net = new LinearNet();
        ParameterInitializer.Initialize(net, 1);
        var data = TestData.Regression(16, 2, 1, 3);
        // Keep a copy of the parameters after every epoch, as the progress report sees them.
        var snapshots = new List<double[]> { TestData.Copy(net) };
        var progress = new Snapshot(() => snapshots.Add(TestData.Copy(net)));

        var error = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer<LinearNet, double>(new TrainerOptions { Epochs = 500, BatchSize = batchSize, Optimizer = new Sgd(5.0) })
                .Fit(net, data, progress: progress));

        Assert.Equal(snapshots.Count, error.Epoch); // epochs before it finished, each reported once
        Assert.InRange(error.Batch, 1, data.Count / batchSize);
        Assert.Contains($"Training diverged in epoch {error.Epoch}, mini-batch {error.Batch} (both count from 1)", error.Message);
        Assert.Contains("learning rate is 5", error.Message);
        Assert.All(TestData.Copy(net), p => Assert.True(double.IsFinite(p)));
        Assert.Equal(TestData.Bits(snapshots[^1]), TestData.Bits(net.Parameters));
    }

    private sealed class Snapshot(Action take) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => take();
    }
}
