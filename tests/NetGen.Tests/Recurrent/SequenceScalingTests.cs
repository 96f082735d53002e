using NetGen;

namespace NetGen.Tests.Recurrent;

/// <summary><see cref="FeatureScaler.FitSequence{T}"/>: one offset and scale per feature over every step, repeated per step.</summary>
public class SequenceScalingTests
{
    // Two rows of 3 steps x 2 features: feature 1 takes 1..6 over the rows' steps, feature 2 takes 10, 20, ..., 60.
    private static readonly double[][] Rows = [[1, 10, 2, 20, 3, 30], [4, 40, 5, 50, 6, 60]];

    [Fact]
    public void Each_feature_is_fitted_over_every_step_of_every_row_and_repeated_per_step()
    {
        var data = DataSet<double>.FromRows(Rows, [[0.0], [1.0]], 6, 1);
        FeatureScaler scaler = FeatureScaler.FitSequence(data, features: 2);
        // Population statistics of 1..6: mean 3.5, deviation sqrt(17.5 / 6); of 10..60 ten times that.
        double deviation = Math.Sqrt(17.5 / 6);
        Assert.Equal([3.5, 35, 3.5, 35, 3.5, 35], scaler.Offsets);
        Assert.Equal(new[] { deviation, 10 * deviation, deviation, 10 * deviation, deviation, 10 * deviation }, scaler.Scales.ToArray(), new ToleranceComparer(1e-14));

        FeatureScaler minMax = FeatureScaler.FitSequence(data, 2, ScalingMethod.MinMax);
        var scaled = new double[6];
        minMax.Transform<double>(Rows[1], scaled);
        Assert.Equal([0.6, 0.6, 0.8, 0.8, 1.0, 1.0], scaled.Select(v => Math.Round(v, 14)));
    }

    [Fact]
    public void Ordinary_Fit_still_fits_each_column_alone()
    {
        var data = DataSet<double>.FromRows(Rows, [[0.0], [1.0]], 6, 1);
        Assert.Equal([2.5, 25, 3.5, 35, 4.5, 45], FeatureScaler.Fit(data).Offsets);
    }

    [Fact]
    public void Rows_that_are_not_whole_steps_are_refused()
    {
        var data = DataSet<double>.FromRows(Rows, [[0.0], [1.0]], 6, 1);
        var error = Assert.Throws<ArgumentException>(() => FeatureScaler.FitSequence(data, 4));
        Assert.Contains("6 inputs, which are not whole steps of 4 features", error.Message);
        Assert.Throws<ArgumentException>(() => FeatureScaler.FitSequence(data, 0));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
