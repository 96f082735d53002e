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

    // The Iris sample's tests moved to tests/NetGen.Data.Tests/IrisSampleTests.cs with its data loading.
}
