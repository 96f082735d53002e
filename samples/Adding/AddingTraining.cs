using System;
using NetGen;

namespace Adding;

/// <summary>The adding recipe, shared by the sample and its test: the same data sizes, optimiser and clipping for both cells.</summary>
public static class AddingTraining
{
    /// <summary>Training and test sequences of the full sample.</summary>
    public const int TrainingCount = 5_000, TestCount = 1_000;

    /// <summary>The test set's seed differs from the training set's, so no test sequence is a training one.</summary>
    public const int TestSeedOffset = 1_000_003;

    /// <summary>
    /// Adam at 0.01 on mini-batches of 32, each mini-batch's gradient clipped to norm 1 (recurrent gradients can
    /// spike when a marker first starts to matter), mean squared error.
    /// </summary>
    public static TrainerOptions Options(int seed, int epochs) => new()
    {
        Epochs = epochs,
        BatchSize = 32,
        Optimizer = new Adam(learningRate: 0.01),
        ClipGradientNorm = 1.0,
        Seed = seed,
    };

    /// <summary>
    /// Initialises a <typeparamref name="TNet"/> with <paramref name="seed"/> (Glorot input weights, orthogonal
    /// recurrent weights, an LSTM's forget bias at 1) and trains it. The test set is passed as the validation set only
    /// so that the reports show its loss: nothing in training looks at it.
    /// </summary>
    public static (TNet Net, TrainingHistory History) Train<TNet>(
        DataSet<float> training, DataSet<float> test, int seed, int epochs, IProgress<EpochReport>? progress = null)
        where TNet : INetwork<TNet, float>, new()
    {
        var net = new TNet();
        ParameterInitializer.Initialize(net, seed);
        TrainingHistory history = new Trainer<TNet, float>(Options(seed, epochs)).Fit(net, training, test, progress);
        return (net, history);
    }
}
