namespace NetGen.Data.Tests;

/// <summary>The Iris sample's data and recipe (compiled into this project from samples/Iris) meet its targets with seed 0.</summary>
public class IrisSampleTests
{
    [Fact]
    public void Iris_csv_is_fishers_150_flowers()
    {
        string[] lines = File.ReadAllLines(Iris.IrisTraining.DefaultPath);
        Assert.Equal("sepal_length,sepal_width,petal_length,petal_width,species", lines[0]);
        Assert.Equal(150, lines.Length - 1);
        // Fisher's published rows 35 and 38 (the UCI copy has 4.9,3.1,1.5,0.1 for both).
        Assert.Equal("4.9,3.1,1.5,0.2,setosa", lines[35]);
        Assert.Equal("4.9,3.6,1.4,0.1,setosa", lines[38]);
    }

    [Fact]
    public void The_loader_reads_50_flowers_of_each_species_in_the_outputs_order()
    {
        CsvData<double> iris = Iris.IrisTraining.Load(Iris.IrisTraining.DefaultPath);

        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, iris.ClassNames);
        Assert.Equal(150, iris.Data.Count);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(50, Enumerable.Range(0, 150).Count(row => iris.Data.Target(row)[k] == 1.0));
        }
        Assert.Equal(new[] { 4.9, 3.1, 1.5, 0.2 }, iris.Data.Input(34).ToArray());
    }

    [Fact]
    public void Iris_reaches_95_percent_on_the_held_out_30_percent()
    {
        DataSet<double> all = Iris.IrisTraining.Load(Iris.IrisTraining.DefaultPath).Data;
        var (net, _, test, scaler) = Iris.IrisTraining.Train(all, seed: 0);
        Assert.Equal(45, test.Count);
        double accuracy = Evaluate.Accuracy(net, test);
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:P1}");
        Assert.Equal(ScalingMethod.Standardize, scaler.Method);
    }
}
