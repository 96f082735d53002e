using System;
using System.Globalization;
using System.IO;
using NetGen;
using NetGen.Data;
using NetGen.Onnx;

// Uses NetGen.Data as a user would: this project added only the NetGen.Data package; NetGen and its
// generator come with it. Prints name=value lines for the test to read.
CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");   // the file's "2.5" must still read as 2.5

CsvData<double> flowers = Csv.Load<double>("flowers.csv", new CsvOptions { Features = ["width, cm", "height"], Label = "kind" });
Console.WriteLine($"rows={flowers.Data.Count}");
Console.WriteLine($"features={string.Join('|', flowers.FeatureNames)}");
Console.WriteLine($"classes={string.Join('|', flowers.ClassNames)}");
Console.WriteLine($"second_width={flowers.Data.Input(1)[0].ToString(CultureInfo.InvariantCulture)}");

FeatureScaler scaler = FeatureScaler.Fit(flowers.Data);
DataSet<double> scaled = scaler.Transform(flowers.Data);
var net = new FlowerNet();
ParameterInitializer.Initialize(net, seed: 0);
new Trainer<FlowerNet, double>(new TrainerOptions { Epochs = 300, BatchSize = 8, Optimizer = new Adam(0.02), Seed = 0 }).Fit(net, scaled);
Console.WriteLine($"accuracy={Evaluate.Accuracy(net, scaled).ToString(CultureInfo.InvariantCulture)}");
Console.WriteLine(Evaluate.ConfusionMatrix(net, scaled).ToString(flowers.ClassNames));

net.SaveParameters("flowers.ngp", scaler);
var loaded = new FlowerNet();
loaded.LoadParameters("flowers.ngp", out FeatureScaler? loadedScaler);
Console.WriteLine($"reloaded_accuracy={Evaluate.Accuracy(loaded, loadedScaler!.Transform(flowers.Data)).ToString(CultureInfo.InvariantCulture)}");
Console.WriteLine($"onnx_bytes={OnnxExporter.ToBytes(net, scaler).Length}");

File.WriteAllText("bad.tsv", "a\tb\tkind\n1\t2\tx\n3\t4,5\ty\n");
try
{
    Csv.Load<double>("bad.tsv", new CsvOptions { Label = "kind" });
}
catch (CsvDataException e)
{
    Console.WriteLine($"error={e.Message}");
}
