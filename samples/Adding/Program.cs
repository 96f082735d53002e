using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Adding;
using NetGen;
using Samples.Shared;

// The adding problem (Hochreiter and Schmidhuber, 1997): 50 steps of (value, marker), two markers, the target the
// sum of the two marked values. Trains a GRU and an LSTM of 16 units, prints their test error beside always
// answering 1.0, draws the loss curves, and feeds one test sequence step by step through Step.
// Usage: dotnet run -c Release --project samples/Adding [folder for the picture]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Seed = 0, Epochs = 8;
var total = Stopwatch.StartNew();
string folder = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
Directory.CreateDirectory(folder);

DataSet<float> training = AddingData.Generate<float>(AddingTraining.TrainingCount, Seed);
DataSet<float> test = AddingData.Generate<float>(AddingTraining.TestCount, Seed + AddingTraining.TestSeedOffset);
double baseline = AddingData.ConstantAnswerMse(test, 1.0);
TrainerOptions options = AddingTraining.Options(Seed, Epochs);
Console.WriteLine($"NetGen: the adding problem, {AddingData.Steps} steps of (value, marker); {training.Count} training sequences, {test.Count} test sequences (seed {Seed})");
Console.WriteLine($"Adam at {options.Optimizer.LearningRate}, mini-batches of {options.BatchSize}, gradient norm clipped to {options.ClipGradientNorm}, {Epochs} epochs, mean squared error");

var curves = new List<(string, IReadOnlyList<double>)>();

Console.WriteLine("GRU 50x2 - gru16 - 1:identity:");
var (gru, gruHistory, gruSeconds) = Timed(bar => AddingTraining.Train<GruAdder>(training, test, Seed, Epochs, bar));
curves.Add(("GRU, training", gruHistory.Epochs.Select(e => e.TrainingLoss).ToArray()));
curves.Add(("GRU, test", gruHistory.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray()));

Console.WriteLine("LSTM 50x2 - lstm16 - 1:identity:");
var (lstm, lstmHistory, lstmSeconds) = Timed(bar => AddingTraining.Train<LstmAdder>(training, test, Seed, Epochs, bar));
curves.Add(("LSTM, training", lstmHistory.Epochs.Select(e => e.TrainingLoss).ToArray()));
curves.Add(("LSTM, test", lstmHistory.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray()));

double gruMse = Evaluate.Loss(gru, test), lstmMse = Evaluate.Loss(lstm, test);
Console.WriteLine($"Test mean squared error ({test.Count} sequences never seen in training):");
Console.WriteLine($"  always answering 1.0   {baseline:F4}");
Console.WriteLine($"  GRU, 16 units          {gruMse:F4}   {GruAdder.ParameterCount,5} parameters   trained in {gruSeconds:F1} s");
Console.WriteLine($"  LSTM, 16 units         {lstmMse:F4}   {LstmAdder.ParameterCount,5} parameters   trained in {lstmSeconds:F1} s");

string lossPath = Path.Combine(folder, "adding-loss.png");
LossCurvePlot.SavePng(lossPath, "Adding problem: mean squared error per epoch", curves);
Console.WriteLine($"Loss curves written to {lossPath}");

Console.WriteLine("Streaming: the first test sequence fed to the GRU one step at a time (IRecurrentNetwork.Step):");
Streaming.Show(gru, test.Input(0), test.Target(0)[0]);

Console.WriteLine($"Total run time {total.Elapsed.TotalSeconds:F1} s");
return gruMse < 0.01 && lstmMse < 0.01 ? 0 : 1;

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
