using NetGen.Onnx;
using IrisNet = Iris.IrisNet;

namespace NetGen.Data.Tests;

/// <summary>
/// The README's "Loading data" snippet, compiled here as a method body (the README's top-level statements).
/// <see cref="ReadmeTests"/> checks that the README still says exactly this, line for line.
/// </summary>
internal static class ReadmeSnippet
{
    public static void LoadingData()
    {
        // --- snippet ---
        CsvData<double> iris = Csv.Load<double>("iris.csv", new CsvOptions
        {
            Features = ["sepal_length", "sepal_width", "petal_length", "petal_width"],   // header names, or indices [0, 1, 2, 3]
            Label = "species",                                                             // one-hot encoded
        });
        var (training, test) = iris.Data.Split(0.3, seed: 0);
        FeatureScaler scaler = FeatureScaler.Fit(training, ScalingMethod.Standardize);   // the training rows only

        var net = new IrisNet();
        ParameterInitializer.Initialize(net, seed: 0);
        new Trainer<IrisNet, double>(new TrainerOptions { Epochs = 150, BatchSize = 16, Optimizer = new Adam(0.005) })
            .Fit(net, scaler.Transform(training));
        Console.WriteLine(Evaluate.ConfusionMatrix(net, scaler.Transform(test)).ToString(iris.ClassNames));

        net.SaveParameters("iris.ngp", scaler);                     // one file: the parameters, then the scaler
        net.LoadParameters("iris.ngp", out FeatureScaler? saved);   // saved is null for a file written without one
        OnnxExporter.Save(net, scaler, "iris.onnx");                // Sub, Div, then the layers: takes raw centimetres
        // --- end ---
        GC.KeepAlive(saved);
    }
}
