using Adding;

namespace NetGen.Data.Tests;

/// <summary>The Adding sample's data, recipe and streaming loop (compiled into this project from samples/Adding), shortened to seconds.</summary>
public class AddingSampleTests
{
    [Fact]
    public void Every_sequence_has_one_marker_in_each_half_and_its_target_is_the_sum_of_the_marked_values()
    {
        DataSet<float> data = AddingData.Generate<float>(500, seed: 0);
        Assert.Equal(100, data.InputWidth);
        Assert.Equal(1, data.TargetWidth);
        for (int row = 0; row < data.Count; row++)
        {
            float[] x = data.Input(row).ToArray();
            int[] marked = Enumerable.Range(0, AddingData.Steps).Where(t => x[t * 2 + 1] != 0).ToArray();
            Assert.Equal(2, marked.Length);
            Assert.InRange(marked[0], 0, 24);
            Assert.InRange(marked[1], 25, 49);
            Assert.All(Enumerable.Range(0, AddingData.Steps), t => Assert.InRange(x[t * 2], 0f, 1f));
            Assert.Equal(x[marked[0] * 2] + x[marked[1] * 2], data.Target(row)[0], 1e-6f);
        }
        // The same seed gives the same sequences; another seed others.
        Assert.Equal(data.Input(7).ToArray(), AddingData.Generate<float>(500, seed: 0).Input(7).ToArray());
        Assert.NotEqual(data.Input(7).ToArray(), AddingData.Generate<float>(500, seed: 1).Input(7).ToArray());
    }

    [Fact]
    public void Always_answering_one_scores_about_one_sixth()
    {
        // The sum of two U(0, 1) values has mean 1 and variance 2/12.
        double mse = AddingData.ConstantAnswerMse(AddingData.Generate<float>(20_000, seed: 0), 1.0);
        Assert.InRange(mse, 0.160, 0.173);
    }

    [Fact]
    public void A_GRU_trained_briefly_learns_far_below_the_constant_answer_and_streams_the_same_prediction()
    {
        DataSet<float> training = AddingData.Generate<float>(ShortTraining, seed: 0);
        DataSet<float> test = AddingData.Generate<float>(500, seed: AddingTraining.TestSeedOffset);
        double baseline = AddingData.ConstantAnswerMse(test, 1.0);
        var (gru, _) = AddingTraining.Train<GruAdder>(training, test, seed: 0, epochs: ShortEpochs);
        double mse = Evaluate.Loss(gru, test);
        // 0.0028 with seed 0 (3,000 sequences, 3 epochs); the full sample's target is 0.01, the constant answer about 0.16.
        Assert.True(mse < 0.01, $"test MSE {mse:F4}, always answering 1.0 {baseline:F4}");

        float[] streamed = Streaming.Outputs(gru, test.Input(3));
        var forward = new float[1];
        gru.Forward(test.Input(3), forward);
        Assert.Equal(forward[0], streamed[^1], 1e-6f);
    }

    private const int ShortTraining = 3_000, ShortEpochs = 3;
}
