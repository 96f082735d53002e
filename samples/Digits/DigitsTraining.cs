using System;
using NetGen;

namespace Digits;

/// <summary>The digits recipes, shared by the sample and its test: the same data, split and optimiser for both networks.</summary>
public static class DigitsTraining
{
    /// <summary>Adam on mini-batches of 32; the CNN and the dense baseline get the same budget of epochs.</summary>
    public static TrainerOptions Options(int seed) => new()
    {
        Epochs = 40,
        BatchSize = 32,
        Optimizer = new Adam(learningRate: 0.003),
        Seed = seed,
    };

    /// <summary>
    /// Initialises a <typeparamref name="TNet"/> with <paramref name="seed"/> and trains it on the training
    /// images. The held-out images are passed as the validation set only so that the reports show their loss:
    /// without early stopping nothing in training looks at them.
    /// </summary>
    public static (TNet Net, TrainingHistory History) Train<TNet>(
        DataSet<double> training, DataSet<double> test, int seed, IProgress<EpochReport>? progress = null)
        where TNet : INetwork<TNet, double>, new()
    {
        var net = new TNet();
        ParameterInitializer.Initialize(net, seed);
        TrainingHistory history = new Trainer<TNet, double>(Options(seed)).Fit(net, training, test, progress);
        return (net, history);
    }
}
