using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;
using Samples.Shared;
using Xor;

// Trains XorNet (2-3-1) from ten seeds and reports how many learn XOR; draws every loss curve.
// Usage: dotnet run --project samples/Xor [path of the SVG to write]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string svgPath = Path.GetFullPath(args.Length > 0 ? args[0] : "xor-loss.svg");

TrainerOptions options = XorTraining.Options(0);
Console.WriteLine($"NetGen: XOR with a 2-3-1 sigmoid network, cross-entropy, SGD at {options.Optimizer.LearningRate} one row at a time, {options.Epochs} epochs, ten seeds");
var curves = new List<(string, IReadOnlyList<double>)>();
int solved = 0;
for (int seed = 0; seed < 10; seed++)
{
    var bar = new ConsoleProgressBar(redirectedLines: 1);
    // A callback run at the end of every epoch, in order, before Fit returns (System.Progress<T> would run it
    // later on the thread pool, so firstBelow could still be 0 when it is printed below).
    int firstBelow = 0;
    var progress = new SynchronousProgress<EpochReport>(report =>
    {
        bar.Report(report);
        if (firstBelow == 0 && report.TrainingLoss < 0.05)
        {
            firstBelow = report.Epoch;
        }
    });
    var (net, history) = XorTraining.Train(seed, progress);
    bar.Finish();
    double accuracy = Evaluate.Accuracy(net, XorTraining.Data);
    solved += accuracy == 1.0 ? 1 : 0;
    var outputs = Enumerable.Range(0, 4).Select(row =>
    {
        var output = new double[1];
        net.Forward(XorTraining.Data.Input(row), output);
        return output[0].ToString("F3");
    });
    string below = firstBelow > 0 ? $"loss < 0.05 from epoch {firstBelow}" : "loss never < 0.05";
    Console.WriteLine($"  seed {seed}: outputs for 00 01 10 11: {string.Join(" ", outputs)}   accuracy {accuracy:P0}   {below}");
    curves.Add(($"seed {seed}", history.Epochs.Select(e => e.TrainingLoss).ToArray()));
}

LossCurvePlot.SaveSvg(svgPath, "XOR, 2-3-1: training loss for ten seeds", curves);
Console.WriteLine($"{solved} of 10 seeds reach 100% accuracy.");
Console.WriteLine($"Loss curves written to {svgPath}");
return solved >= 9 ? 0 : 1;
