namespace NetGen.Data.Tests;

/// <summary>FeatureScaler, checked against numbers worked out by hand.</summary>
public class FeatureScalerTests
{
    // Three features over four training rows: the first spread out, the second constant, the third around 0.
    private static readonly DataSet<double> Training = DataSet<double>.FromRows(
        new[] { new[] { 1.0, 5, -1 }, new[] { 2.0, 5, 0 }, new[] { 3.0, 5, 1 }, new[] { 6.0, 5, 0 } },
        new[] { new[] { 1.0 }, new[] { 0.0 }, new[] { 1.0 }, new[] { 0.0 } }, 3, 1);

    // A held-out row far outside the training range: fitting on it would move every statistic.
    private static readonly DataSet<double> Test = DataSet<double>.FromRows(
        new[] { new[] { 9.0, 7, 2 }, new[] { 100.0, -50, 40 } }, new[] { new[] { 1.0 }, new[] { 0.0 } }, 3, 1);

    [Fact]
    public void Standardize_uses_the_training_mean_and_population_deviation()
    {
        FeatureScaler scaler = FeatureScaler.Fit(Training, ScalingMethod.Standardize);

        // Feature 1: mean (1+2+3+6)/4 = 3; squared deviations 4+1+0+9 = 14; 14/4 = 3.5; deviation sqrt(3.5).
        // Feature 2: constant, so its deviation 0 becomes scale 1. Feature 3: mean 0; (1+0+1+0)/4 = 0.5.
        Assert.Equal(new[] { 3.0, 5.0, 0.0 }, scaler.Offsets);
        Assert.Equal(new[] { Math.Sqrt(3.5), 1.0, Math.Sqrt(0.5) }, scaler.Scales);

        DataSet<double> scaled = scaler.Transform(Test);
        Assert.Equal(6 / Math.Sqrt(3.5), scaled.Input(0)[0], 15);        // (9 - 3) / 1.8708...
        Assert.Equal(2.0, scaled.Input(0)[1]);                            // (7 - 5) / 1
        Assert.Equal(2 / Math.Sqrt(0.5), scaled.Input(0)[2], 15);        // 2.8284...
        Assert.Equal(97 / Math.Sqrt(3.5), scaled.Input(1)[0], 13);
        Assert.Equal(Test.Target(1).ToArray(), scaled.Target(1).ToArray());
    }

    [Fact]
    public void The_training_rows_come_out_with_mean_0_and_deviation_1()
    {
        DataSet<double> scaled = FeatureScaler.Fit(Training).Transform(Training);
        double[] first = Enumerable.Range(0, 4).Select(r => scaled.Input(r)[0]).ToArray();

        Assert.Equal(0, first.Average(), 15);
        Assert.Equal(1, Math.Sqrt(first.Select(v => v * v).Average()), 15);
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal(0.0, scaled.Input(r)[1]));
    }

    [Fact]
    public void MinMax_maps_the_training_range_to_0_1_and_leaves_held_out_values_unclipped()
    {
        FeatureScaler scaler = FeatureScaler.Fit(Training, ScalingMethod.MinMax);

        Assert.Equal(new[] { 1.0, 5.0, -1.0 }, scaler.Offsets);
        Assert.Equal(new[] { 5.0, 1.0, 2.0 }, scaler.Scales);
        DataSet<double> scaled = scaler.Transform(Test);
        Assert.Equal(new[] { 1.6, 2.0, 1.5 }, scaled.Input(0).ToArray());   // (9-1)/5, (7-5)/1, (2+1)/2
        DataSet<double> scaledTraining = scaler.Transform(Training);
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, scaledTraining.Input(0).ToArray());   // the minima
        Assert.Equal(new[] { 1.0, 0.0, 0.5 }, scaledTraining.Input(3).ToArray());   // (6-1)/5, constant, (0+1)/2
    }

    [Fact]
    public void Fitted_on_the_training_part_of_a_split_the_held_out_rows_change_nothing()
    {
        var rows = Enumerable.Range(0, 20).Select(k => new[] { k < 14 ? k : 1000.0 + k }).ToArray();
        DataSet<double> all = DataSet<double>.FromRows(rows, rows.Select(_ => new[] { 0.0 }).ToArray(), 1, 1);
        var (training, test) = all.Split(0.3, seed: 0);

        FeatureScaler scaler = FeatureScaler.Fit(training);
        double trainingMean = Enumerable.Range(0, training.Count).Average(r => training.Input(r)[0]);

        Assert.Equal(trainingMean, scaler.Offsets[0], 12);
        Assert.NotEqual(Enumerable.Range(0, all.Count).Average(r => all.Input(r)[0]), scaler.Offsets[0], 6);
        Assert.Equal(6, test.Count);
    }

    [Fact]
    public void One_row_is_scaled_in_place_without_allocating_and_floats_round_once()
    {
        FeatureScaler scaler = FeatureScaler.Fit(Training);
        Span<float> scaled = stackalloc float[3];
        ReadOnlySpan<float> raw = [9f, 7f, 2f];
        scaler.Transform(raw, scaled);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 1000; k++)
        {
            scaler.Transform(raw, scaled);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal((float)(6 / Math.Sqrt(3.5)), scaled[0]);
        Assert.Throws<ArgumentException>(() => scaler.Transform<double>(new double[2], new double[3]));
    }

    [Fact]
    public void Create_rejects_impossible_scales_and_Fit_rejects_no_rows()
    {
        Assert.Throws<ArgumentException>(() => FeatureScaler.Create(ScalingMethod.Standardize, [0.0], [0.0]));
        Assert.Throws<ArgumentException>(() => FeatureScaler.Create(ScalingMethod.Standardize, [double.NaN], [1.0]));
        Assert.Throws<ArgumentException>(() => FeatureScaler.Create(ScalingMethod.Standardize, [0.0, 1], [1.0]));
        Assert.Throws<ArgumentException>(() => FeatureScaler.Fit(Training).Transform(DataSet<double>.FromRows(new[] { new[] { 1.0 } }, new[] { new[] { 1.0 } }, 1, 1)));
    }
}
