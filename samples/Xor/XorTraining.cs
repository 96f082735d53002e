using System;
using NetGen;

namespace Xor;

/// <summary>2-3-1 sigmoid units; the output is read as P(xor = 1) and trained on binary cross-entropy.</summary>
[Network("2-3-1", Activation.Sigmoid, Loss = Loss.CrossEntropy)]
public partial class XorNet { }

/// <summary>The XOR recipe, shared by the sample and its test.</summary>
public static class XorTraining
{
    /// <summary>The four rows of the truth table and their XOR.</summary>
    public static DataSet<double> Data { get; } = DataSet<double>.FromRows(
        new[] { new[] { 0.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 1.0, 0.0 }, new[] { 1.0, 1.0 } },
        new[] { new[] { 0.0 }, new[] { 1.0 }, new[] { 1.0 }, new[] { 0.0 } },
        XorNet.InputCount, XorNet.OutputCount);

    /// <summary>
    /// Plain SGD one row at a time, as in Rumelhart, Hinton and Williams (1986); each step is the
    /// network's own fused TrainStep. (Full-batch Adam from small weights settles in XOR's well-known
    /// local minimum, outputs 0.5 for two rows, for about half of the seeds.)
    /// </summary>
    public static TrainerOptions Options(int seed) => new()
    {
        Epochs = 1000,
        BatchSize = 1,
        Optimizer = new Sgd(learningRate: 0.7),
        Seed = seed,
    };

    /// <summary>Initialises a network with <paramref name="seed"/> and trains it.</summary>
    public static (XorNet Net, TrainingHistory History) Train(int seed, IProgress<EpochReport>? progress = null)
    {
        var net = new XorNet();
        ParameterInitializer.Initialize(net, seed);
        TrainingHistory history = new Trainer<XorNet, double>(Options(seed)).Fit(net, Data, progress);
        return (net, history);
    }
}
