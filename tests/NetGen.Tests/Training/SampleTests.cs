using System.IO;

namespace NetGen.Tests.Training;

/// <summary>The samples' own recipes (compiled into this project from samples/) meet the targets with fixed seeds.</summary>
public class SampleTests
{
    [Fact]
    public void Xor_is_learned_perfectly_from_at_least_nine_of_ten_seeds()
    {
        int solved = Enumerable.Range(0, 10).Count(seed => Evaluate.Accuracy(Xor.XorTraining.Train(seed).Net, Xor.XorTraining.Data) == 1.0);
        Assert.True(solved >= 9, $"{solved} of 10 seeds");
    }

    [Fact]
    public void Iris_csv_is_fishers_150_flowers()
    {
        string[] lines = File.ReadAllLines(Iris.IrisData.DefaultPath);
        Assert.Equal("sepal_length,sepal_width,petal_length,petal_width,species", lines[0]);
        Assert.Equal(150, lines.Length - 1);
        Assert.All(Iris.IrisData.Species, s => Assert.Equal(50, lines.Count(l => l.EndsWith("," + s))));
        // Fisher's published rows 35 and 38 (the UCI copy has 4.9,3.1,1.5,0.1 for both).
        Assert.Equal("4.9,3.1,1.5,0.2,setosa", lines[35]);
        Assert.Equal("4.9,3.6,1.4,0.1,setosa", lines[38]);
    }

    [Fact]
    public void Iris_reaches_95_percent_on_the_held_out_30_percent()
    {
        DataSet<double> all = Iris.IrisData.Load(Iris.IrisData.DefaultPath);
        var (net, _, test) = Iris.IrisTraining.Train(all, seed: 0);
        Assert.Equal(45, test.Count);
        double accuracy = Evaluate.Accuracy(net, test);
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:P1}");
    }
}
