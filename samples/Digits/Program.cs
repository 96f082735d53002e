using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Digits;
using NetGen;
using Samples.Shared;

// Trains a dense network and a small CNN on 70% of scikit-learn's 8x8 handwritten digits and measures both
// on the other 30%; draws the loss curves and the held-out digits the CNN gets wrong.
// Usage: dotnet run -c Release --project samples/Digits [folder for the pictures]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Seed = 0;
string folder = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
Directory.CreateDirectory(folder);

DataSet<double> all = DigitsData.Load(DigitsData.DefaultPath);
var (training, test) = DigitsData.Split(all, Seed);
TrainerOptions options = DigitsTraining.Options(Seed);
Console.WriteLine($"NetGen: handwritten digits, {all.Count} images of 8x8 pixels; {training.Count} to train on, {test.Count} held out (shuffled, seed {Seed})");
Console.WriteLine($"Adam at {options.Optimizer.LearningRate}, mini-batches of {options.BatchSize}, {options.Epochs} epochs, cross-entropy");

var curves = new List<(string, IReadOnlyList<double>)>();

Console.WriteLine("Dense 64-32-10 (ReLU, softmax):");
var (dense, denseHistory, denseSeconds) = Timed(bar => DigitsTraining.Train<DenseDigitsNet>(training, test, Seed, bar));
double denseAccuracy = Evaluate.Accuracy(dense, test);
curves.Add(("dense, training", denseHistory.Epochs.Select(e => e.TrainingLoss).ToArray()));
curves.Add(("dense, held-out", denseHistory.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray()));

Console.WriteLine("CNN 1x8x8 - conv3x3x8(padding=same):relu - maxpool2 - 32:relu - 10:softmax:");
var (cnn, cnnHistory, cnnSeconds) = Timed(bar => DigitsTraining.Train<ConvDigitsNet>(training, test, Seed, bar));
double cnnAccuracy = Evaluate.Accuracy(cnn, test);
curves.Add(("CNN, training", cnnHistory.Epochs.Select(e => e.TrainingLoss).ToArray()));
curves.Add(("CNN, held-out", cnnHistory.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray()));

Console.WriteLine($"Held-out accuracy ({test.Count} digits never seen in training):");
Console.WriteLine($"  dense 64-32-10                {denseAccuracy,7:P2}   loss {Evaluate.Loss(dense, test):F4}   {DenseDigitsNet.ParameterCount,5} parameters   trained in {denseSeconds:F1} s");
Console.WriteLine($"  CNN conv3x3x8-maxpool2-32-10  {cnnAccuracy,7:P2}   loss {Evaluate.Loss(cnn, test):F4}   {ConvDigitsNet.ParameterCount,5} parameters   trained in {cnnSeconds:F1} s");

string lossPath = Path.Combine(folder, "digits-loss.png");
LossCurvePlot.SavePng(lossPath, "Digits: loss per epoch", curves);
Console.WriteLine($"Loss curves written to {lossPath}");

var wrong = Enumerable.Range(0, test.Count)
    .Select(row => (Row: row, Actual: DigitsData.Label(test.Target(row)), Predicted: Predict(cnn, test.Input(row))))
    .Where(r => r.Actual != r.Predicted)
    .ToList();
string wrongPath = Path.Combine(folder, "digits-misclassified.png");
DigitTiles.SavePng(wrongPath, $"Held-out digits the CNN gets wrong ({wrong.Count} of {test.Count})",
    wrong.Take(24).Select(r => (test.Input(r.Row).ToArray(), $"{r.Actual} read as {r.Predicted}")).ToList());
Console.WriteLine($"{Math.Min(24, wrong.Count)} of the {wrong.Count} misclassified digits drawn in {wrongPath}");

return cnnAccuracy >= 0.98 ? 0 : 1;

// Trains with a progress bar and measures the wall-clock time of the training alone.
static (TNet Net, TrainingHistory History, double Seconds) Timed<TNet>(Func<IProgress<EpochReport>, (TNet, TrainingHistory)> train)
{
    var bar = new ConsoleProgressBar();
    var clock = Stopwatch.StartNew();
    var (net, history) = train(bar);
    double seconds = clock.Elapsed.TotalSeconds;
    bar.Finish();
    return (net, history, seconds);
}

static int Predict<TNet>(TNet net, ReadOnlySpan<double> image)
    where TNet : INetwork<TNet, double>
{
    Span<double> output = stackalloc double[10];
    net.Forward(image, output);
    int best = 0;
    for (int k = 1; k < output.Length; k++)
    {
        best = output[k] > output[best] ? k : best;
    }
    return best;
}
