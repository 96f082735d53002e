using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Iris;
using NetGen;
using NetGen.Data;
using NetGen.Onnx;
using Samples.Shared;

// Trains IrisNet (4-8-3) on 70% of Fisher's Iris data and measures it on the other 30%.
// Usage: dotnet run --project samples/Iris [path of the SVG to write]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Seed = 0;
string svgPath = Path.GetFullPath(args.Length > 0 ? args[0] : "iris-loss.svg");

CsvData<double> iris = IrisTraining.Load(IrisTraining.DefaultPath);
DataSet<double> all = iris.Data;
Console.WriteLine($"NetGen: Iris, {all.Count} flowers; a 4-8-3 network (tanh, softmax, cross-entropy), Adam, seed {Seed}");
var bar = new ConsoleProgressBar();
var (net, history, test, scaler) = IrisTraining.Train(all, Seed, bar);
bar.Finish();

double accuracy = Evaluate.Accuracy(net, test);
Console.WriteLine($"Held-out accuracy: {accuracy:P1} of {test.Count} flowers never seen in training (loss {Evaluate.Loss(net, test):F4}, training loss {history.Last.TrainingLoss:F4}).");
Console.WriteLine(Evaluate.ConfusionMatrix(net, test).ToString(iris.ClassNames));

// Save the parameters with the scaler, load both into a fresh network, and check that it predicts the same
// on the raw held-out measurements scaled by the loaded scaler.
string folder = Path.GetDirectoryName(svgPath)!;
string parametersPath = Path.Combine(folder, "iris.ngp");
net.SaveParameters(parametersPath, scaler);
var loaded = new IrisNet();
loaded.LoadParameters(parametersPath, out FeatureScaler? loadedScaler);
DataSet<double> rawTest = all.Split(IrisTraining.TestFraction, Seed).Second;
Console.WriteLine($"Parameters and scaler saved to {parametersPath} ({new FileInfo(parametersPath).Length} bytes); reloaded accuracy {Evaluate.Accuracy(loaded, loadedScaler!.Transform(rawTest)):P1}.");

// The ONNX model starts with the scaler (Sub, Div), so it takes raw measurements in centimetres.
string onnxPath = Path.Combine(folder, "iris.onnx");
OnnxExporter.Save(net, scaler, onnxPath);
Console.WriteLine($"ONNX model (raw features in, {scaler}) written to {onnxPath}");

LossCurvePlot.SaveSvg(svgPath, "Iris, 4-8-3: loss per epoch", new[]
{
    ("training", (System.Collections.Generic.IReadOnlyList<double>)history.Epochs.Select(e => e.TrainingLoss).ToArray()),
    ("held-out", history.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray()),
});
Console.WriteLine($"Loss curves written to {svgPath}");
return accuracy >= 0.95 ? 0 : 1;
